public import Logging
public import NIOCore
import OTel
public import ServiceLifecycle
public import TEEModel
public import TEEDaemon

/// `accessLog.otlp` or `log.otlp` as a running exporter: log handlers whose records go to the
/// collector (in batches), and the service that sends them (run it in the daemon's group).
public struct OTLPLogsBackend: Sendable {
    /// A handler for a logger labelled so.
    public let makeHandler: @Sendable (String) -> any LogHandler
    /// A logger labelled `label` whose records go to the collector.
    public let logger: Logger
    public let service: any Service

    /// Builds the exporter for the section at `key` (for errors); its tasks run on `eventLoop` when given.
    public init(_ configuration: OTLPLogsConfiguration, key: String, label: String, diagnostics: Logger,
                eventLoop: (any EventLoop)? = nil) throws {
        var settings = OTLPExporterSettings.configuration(enabling: .logs, serviceName: configuration.serviceName,
                                                          resourceAttributes: configuration.resourceAttributes,
                                                          exporter: configuration.exporter, diagnostics: diagnostics)
        settings.logs.level = .info
        do {
            let backend = try OTel.makeLoggingBackend(configuration: settings)
            self.makeHandler = backend.factory
            self.logger = Logger(label: label, factory: backend.factory)
            self.service = eventLoop.map { ServiceOnEventLoop(backend.service, executor: EventLoopTaskExecutor(eventLoop: $0)) }
                ?? backend.service
        } catch {
            throw OpenTelemetrySetupError("\(key) (\(configuration.exporter.transport.rawValue) to \(configuration.exporter.url)): \(error)")
        }
    }
}

extension OTLPLogsBackend {
    /// `log.otlp` of a daemon's static file as the daemon's second log destination; nil without it.
    /// Made before the daemon starts (its own log is not set up yet, so the exporter's warnings go to standard error).
    public static func daemonLog(_ settings: OTLPLogsConfiguration?, program: String) throws -> LogExport? {
        guard let settings else { return nil }
        let backend = try OTLPLogsBackend(settings, key: "log.otlp", label: program,
                                          diagnostics: Logger(label: "\(program).log-otlp") { StreamLogHandler.standardError(label: $0) })
        return LogExport(makeHandler: backend.makeHandler, service: backend.service)
    }
}
