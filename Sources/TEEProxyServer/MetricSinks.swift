import CoreMetrics
import Prometheus

/// Where the proxy's metrics go: the Prometheus registry that `GET /metrics` renders, and the
/// swift-metrics factory of the OTLP exporter (`metrics.otlp`). Each metric is made on the sinks
/// asked for, under the same name and labels.
struct MetricSinks: Sendable {
    let registry: PrometheusCollectorRegistry?
    let otlp: (any MetricsFactory)?

    /// Which sinks one metric goes to (the `add*Labels` keys differ per sink).
    struct Choice: Sendable {
        var prometheus: Bool
        var otlp: Bool
        static let both = Choice(prometheus: true, otlp: true)
        var any: Bool { self.prometheus || self.otlp }
    }

    func counter(_ name: MetricName, _ labels: [(String, String)] = [], on choice: Choice = .both) -> SinkCounter {
        SinkCounter(prometheus: choice.prometheus ? self.registry?.makeCounter(descriptor: name.descriptor, labels: labels) : nil,
                    otlp: choice.otlp ? self.otlp.map { CoreMetrics.Counter(label: name.fullName, dimensions: labels, factory: $0) } : nil)
    }

    func gauge(_ name: MetricName, _ labels: [(String, String)] = [], on choice: Choice = .both) -> SinkGauge {
        SinkGauge(prometheus: choice.prometheus ? self.registry?.makeGauge(descriptor: name.descriptor, labels: labels) : nil,
                  otlp: choice.otlp ? self.otlp.map { CoreMetrics.Meter(label: name.fullName, dimensions: labels, factory: $0) } : nil)
    }

    /// A duration histogram: the Prometheus one with `buckets`; the OTLP factory's with `explicitBoundaries`.
    func durations(_ name: MetricName, _ labels: [(String, String)], buckets: [Duration], on choice: Choice) -> SinkDurations {
        SinkDurations(
            prometheus: choice.prometheus ? self.registry?.makeDurationHistogram(descriptor: name.descriptor, labels: labels, buckets: buckets) : nil,
            otlp: choice.otlp ? self.otlp.map { CoreMetrics.Timer(label: name.fullName, dimensions: labels, factory: $0) } : nil)
    }

    /// Removes a gauge from the sinks (a certificate no longer in service).
    func remove(_ gauge: SinkGauge) {
        if let prometheus = gauge.prometheus { self.registry?.unregisterGauge(prometheus) }
        gauge.otlp?.destroy()
    }
}

/// A counter on each sink it was made on.
struct SinkCounter: Sendable {
    let prometheus: Prometheus.Counter?
    let otlp: CoreMetrics.Counter?

    func increment(by amount: Int64 = 1) {
        self.prometheus?.increment(by: amount)
        self.otlp?.increment(by: amount)
    }
}

/// A gauge on each sink it was made on.
struct SinkGauge: Sendable {
    let prometheus: Prometheus.Gauge?
    let otlp: CoreMetrics.Meter?

    func set(_ value: Double) {
        self.prometheus?.set(value)
        self.otlp?.set(value)
    }

    func increment() {
        self.prometheus?.increment()
        self.otlp?.increment()
    }

    func decrement() {
        self.prometheus?.decrement()
        self.otlp?.decrement()
    }
}

/// A duration histogram on each sink it was made on.
struct SinkDurations: Sendable {
    let prometheus: DurationHistogram?
    let otlp: CoreMetrics.Timer?

    func record(_ duration: Duration) {
        self.prometheus?.record(duration)
        self.otlp?.recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}
