public import Logging
public import NIOCore
import OTel
public import ServiceLifecycle
public import TEEModel

/// `accessLog.otlp` as a running exporter: a logger whose records go to the collector (in
/// batches), and the service that sends them (run it in the daemon's group).
public struct OTLPLogsBackend: Sendable {
    public let logger: Logger
    public let service: any Service

    /// Builds the exporter; its tasks run on `eventLoop` when given.
    public init(_ configuration: OTLPLogsConfiguration, label: String, diagnostics: Logger, eventLoop: (any EventLoop)? = nil) throws {
        var settings = OTLPExporterSettings.configuration(enabling: .logs, serviceName: configuration.serviceName,
                                                          resourceAttributes: configuration.resourceAttributes, diagnostics: diagnostics)
        settings.logs.level = .info
        settings.logs.exporter = .otlp
        settings.logs.otlpExporter = OTLPExporterSettings.make(configuration.exporter, base: settings.logs.otlpExporter)
        do {
            let backend = try OTel.makeLoggingBackend(configuration: settings)
            self.logger = Logger(label: label, factory: backend.factory)
            self.service = eventLoop.map { ServiceOnEventLoop(backend.service, executor: EventLoopTaskExecutor(eventLoop: $0)) }
                ?? backend.service
        } catch {
            throw TracingSetupError("accessLog.otlp (\(configuration.exporter.transport.rawValue) to \(configuration.exporter.url)): \(error)")
        }
    }
}
