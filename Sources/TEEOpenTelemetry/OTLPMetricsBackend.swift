public import CoreMetrics
public import Logging
public import NIOCore
import OTel
public import ServiceLifecycle
public import TEEModel

/// `metrics.otlp` as a running exporter: the swift-metrics factory the proxy's metrics are made
/// with, and the service that sends them every `pushInterval` (run it in the daemon's group).
public struct OTLPMetricsBackend: Sendable {
    public let configuration: OTLPMetricsConfiguration
    public let factory: any MetricsFactory
    public let service: any Service

    /// Builds the exporter; its tasks run on `eventLoop` when given.
    public init(_ configuration: OTLPMetricsConfiguration, logger: Logger, eventLoop: (any EventLoop)? = nil) throws {
        self.configuration = configuration
        var settings = OTLPExporterSettings.configuration(enabling: .metrics, serviceName: configuration.serviceName,
                                                          resourceAttributes: configuration.resourceAttributes,
                                                          exporter: configuration.exporter, diagnostics: logger)
        settings.metrics.exportInterval = configuration.pushInterval
        settings.metrics.defaultDurationHistogramBuckets = configuration.explicitBoundaries.map { .nanoseconds(Int64($0 * 1e9)) }
        do {
            let backend = try OTel.makeMetricsBackend(configuration: settings)
            self.factory = backend.factory
            self.service = eventLoop.map { ServiceOnEventLoop(backend.service, executor: EventLoopTaskExecutor(eventLoop: $0)) }
                ?? backend.service
        } catch {
            throw OpenTelemetrySetupError("metrics.otlp (\(configuration.exporter.transport.rawValue) to \(configuration.exporter.url)): \(error)")
        }
    }
}
