import Foundation
import NIOHTTP1
import NIOSSL
import CoreMetrics
import Prometheus
import Synchronization
import TEEModel

/// The proxy's metrics under Traefik's names with a `tee_` prefix (`tee_entrypoint_requests_total`,
/// `tee_router_requests_total`, `tee_service_request_duration_seconds`, `tee_config_reloads_total`,
/// `tee_open_connections`, …): in one Prometheus registry that `GET /metrics` renders
/// (`metrics.prometheus`), and pushed to an OTLP collector (`metrics.otlp`), each with its own
/// `add*Labels`.
///
/// Each request looks its counters up once per label set; after the first request with a given
/// entry point, router, service, status, method and protocol, recording is a dictionary hit and a
/// few atomic increments.
final class ProxyMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let sinks: MetricSinks
    private let prometheus: MetricsConfiguration?
    private let otlp: OTLPMetricsConfiguration?
    private let buckets: [Duration]
    private let handles = Mutex<[RequestMetricKey: RequestMetricHandles]>([:])
    private let reloads: SinkCounter
    private let reloadFailures: SinkCounter
    private let lastReloadSuccess: SinkGauge
    private let lastReloadFailure: SinkGauge
    /// `tee_tls_certs_not_after` of the certificates in service.
    private let certificateGauges = Mutex<[CertificateLabels: SinkGauge]>([:])

    /// - Parameters:
    ///   - prometheus: `metrics.prometheus`, or nil when `/metrics` is not served.
    ///   - otlp: `metrics.otlp` and its exporter's factory, or nil.
    init(prometheus: MetricsConfiguration?, otlp: (configuration: OTLPMetricsConfiguration, factory: any MetricsFactory)? = nil) {
        self.prometheus = prometheus
        self.otlp = otlp?.configuration
        self.sinks = MetricSinks(registry: prometheus == nil ? nil : self.registry, otlp: otlp?.factory)
        self.buckets = (prometheus?.buckets ?? MetricsConfiguration.defaultBuckets).map { Duration.nanoseconds(Int64($0 * 1e9)) }
        self.reloads = self.sinks.counter(MetricName("config", "reloads", "total", "Configuration reloads."))
        self.reloadFailures = self.sinks.counter(MetricName("config", "reloads_failure", "total", "Configuration reloads that were rejected."))
        self.lastReloadSuccess = self.sinks.gauge(
            MetricName("config", "last_reload_success", nil, "Unix time of the last successful configuration reload."))
        self.lastReloadFailure = self.sinks.gauge(
            MetricName("config", "last_reload_failure", nil, "Unix time of the last rejected configuration reload."))
    }

    /// The observer that records every finished request.
    var observer: RequestObserver {
        RequestObserver { [self] request in self.record(request) }
    }

    /// The `tee_open_connections` gauge of one entry point; raise it when a connection opens, lower it when it closes.
    func openConnections(entryPoint: String) -> SinkGauge {
        self.sinks.gauge(MetricName(nil, "open_connections", nil, "Connections open on each entry point."),
                         [("entrypoint", entryPoint), ("protocol", "TCP")])
    }

    /// `tee_service_server_up`: 1 while the server passes its health check, 0 while it fails.
    func serverUp(service: String, url: String, up: Bool) {
        self.sinks.gauge(MetricName("service", "server_up", nil, "Whether a server passes its health check."),
                         [("service", service), ("url", url)]).set(up ? 1.0 : 0.0)
    }

    /// `tee_tls_certs_not_after`: each certificate in service, by `cn`, `serial` and `sans`, at its
    /// expiry (Unix time); certificates no longer in service leave the exposition.
    func certificatesInService(_ certificates: [NIOSSLCertificate]) {
        var gauges: [CertificateLabels: SinkGauge] = [:]
        for certificate in certificates {
            guard let labels = CertificateLabels(certificate), gauges[labels] == nil else { continue }
            let gauge = self.sinks.gauge(MetricName("tls", "certs_not_after", nil, "Expiry of each certificate in service (Unix time)."),
                                         [("cn", labels.commonName), ("serial", labels.serial), ("sans", labels.names)])
            gauge.set(Double(certificate.notValidAfter))
            gauges[labels] = gauge
        }
        let gone = self.certificateGauges.withLock { current in
            defer { current = gauges }
            return current.filter { gauges[$0.key] == nil }.map(\.value)
        }
        for gauge in gone { self.sinks.remove(gauge) }
    }

    /// Counts a configuration reload and stamps its time.
    func configurationReloaded(succeeded: Bool) {
        let now = Date().timeIntervalSince1970
        self.reloads.increment()
        if succeeded {
            self.lastReloadSuccess.set(now)
        } else {
            self.reloadFailures.increment()
            self.lastReloadFailure.set(now)
        }
    }

    /// Every metric in Prometheus's text exposition format.
    func exposition() -> String {
        self.registry.emitToString()
    }

    private func record(_ request: CompletedRequest) {
        guard request.entryPointMeasured || request.routerMeasured,
              !request.isInternal || self.prometheus?.addInternals == true || self.otlp?.addInternals == true else { return }
        // A router whose observability.metrics is false counts in no router or service metric.
        let key = RequestMetricKey(
            countsEntryPoint: request.entryPointMeasured, entryPoint: request.entryPoint,
            router: request.routerMeasured ? request.routerName : nil, service: request.routerMeasured ? request.serviceName : nil,
            code: request.status, method: request.request.method.rawValue, protocol: Self.protocolLabel(of: request.request),
            tls: request.tls
        )
        let handles = self.handles.withLock { cache in
            if let found = cache[key] { return found }
            let made = self.makeHandles(for: key)
            cache[key] = made
            return made
        }
        handles.record(duration: request.duration, requestBytes: request.requestBytes, responseBytes: request.responseBytes)
        let services = self.choice(\.addServicesLabels, \.addServicesLabels)
        if request.retries > 0, request.routerMeasured, let service = request.serviceName, services.any {
            self.sinks.counter(MetricName("service", "retries", "total", "Requests tried again, by service."), [("service", service)],
                               on: services).increment(by: Int64(request.retries))
        }
    }

    private func makeHandles(for key: RequestMetricKey) -> RequestMetricHandles {
        let common = [("code", String(key.code)), ("method", key.method), ("protocol", key.protocol)]
        var handles = RequestMetricHandles()
        let entryPoints = self.choice(\.addEntryPointsLabels, \.addEntryPointsLabels)
        if entryPoints.any, key.countsEntryPoint {
            handles.groups.append(self.group("entrypoint", common: common, own: [("entrypoint", key.entryPoint)], tls: key.tls, on: entryPoints))
        }
        let routers = self.choice(\.addRoutersLabels, \.addRoutersLabels)
        if routers.any, let router = key.router, let service = key.service {
            handles.groups.append(self.group("router", common: common, own: [("router", router), ("service", service)], tls: key.tls, on: routers))
        }
        let services = self.choice(\.addServicesLabels, \.addServicesLabels)
        if services.any, let service = key.service {
            handles.groups.append(self.group("service", common: common, own: [("service", service)], tls: key.tls, on: services))
        }
        return handles
    }

    /// The sinks whose `add*Labels` key (Prometheus's, OTLP's) asks for a subsystem's metrics.
    private func choice(_ prometheus: KeyPath<MetricsConfiguration, Bool>, _ otlp: KeyPath<OTLPMetricsConfiguration, Bool>) -> MetricSinks.Choice {
        MetricSinks.Choice(prometheus: self.prometheus?[keyPath: prometheus] ?? false, otlp: self.otlp?[keyPath: otlp] ?? false)
    }

    /// `tee_<subsystem>_requests_total`, `_request_duration_seconds`, the byte counters and (over TLS)
    /// `_requests_tls_total` for one label set: `common` (code, method, protocol) and the subsystem's `own`.
    private func group(_ subsystem: String, common: [(String, String)], own: [(String, String)], tls: TLSSessionLabels?,
                       on choice: MetricSinks.Choice) -> RequestMetricHandles.Group {
        let labels = common + own
        return RequestMetricHandles.Group(
            requests: self.sinks.counter(MetricName(subsystem, "requests", "total", "Requests, by status code, method and protocol."),
                                         labels, on: choice),
            duration: self.sinks.durations(MetricName(subsystem, "request_duration", "seconds", "Request durations."), labels,
                                           buckets: self.buckets, on: choice),
            requestBytes: self.sinks.counter(MetricName(subsystem, "requests_bytes", "total", "Bytes of request bodies received."),
                                             labels, on: choice),
            responseBytes: self.sinks.counter(MetricName(subsystem, "responses_bytes", "total", "Bytes of response bodies sent."),
                                              labels, on: choice),
            tlsRequests: tls.map { tls in
                self.sinks.counter(MetricName(subsystem, "requests_tls", "total", "HTTPS requests, by TLS version and cipher suite."),
                                   [("tls_version", tls.version), ("tls_cipher", tls.cipher)] + own, on: choice)
            }
        )
    }

    /// Traefik's `protocol` label: `websocket` for WebSocket upgrades, `http` otherwise.
    private static func protocolLabel(of head: HTTPRequestHead) -> String {
        head.headers[canonicalForm: "upgrade"].contains { $0.lowercased() == "websocket" } ? "websocket" : "http"
    }
}
