public import Logging
import OTel
import Tracing
public import ServiceLifecycle
public import TEEModel
public import TEEProxy
public import NIOCore

/// The `tracing` section as a running exporter: the tracer the request path starts spans with,
/// and the service that batches ended spans and sends them to the OTLP collector (run it in the
/// daemon's service group; on shutdown it sends what is left).
public struct TracingBackend: Sendable {
    public let tracer: any RequestTracer
    public let service: any Service

    /// Builds the exporter; an error says which key is wrong. `OTEL_*` environment variables
    /// override the file, as OpenTelemetry's specification has them do. The exporter's tasks run
    /// on `eventLoop` when given (one of the daemon's loops), rather than on threads of their own.
    /// With `callerSamples`, every span the caller starts is recorded: it applies `sampleRate`
    /// itself (``TraceSampler``) and starts spans only for the requests it keeps.
    public init(_ configuration: TracingConfiguration, logger: Logger, eventLoop: (any EventLoop)? = nil,
                callerSamples: Bool = false) throws {
        let exporter = configuration.exporter
        var settings = OTLPExporterSettings.configuration(enabling: .traces, serviceName: configuration.serviceName,
                                                          resourceAttributes: configuration.resourceAttributes, exporter: exporter,
                                                          diagnostics: logger)
        settings.propagators = [.traceContext]
        let ratio = callerSamples ? 1.0 : configuration.sampleRate
        guard let sampler = OTel.Configuration.TracesConfiguration.SamplerConfiguration.parentBasedTraceIDRatio(ratio: ratio) else {
            throw OpenTelemetrySetupError("tracing.sampleRate \(configuration.sampleRate) is not from 0 to 1")
        }
        settings.traces.sampler = sampler
        settings.traces.batchSpanProcessor.scheduleDelay = .milliseconds(500)
        do {
            let backend = try OTel.makeTracingBackend(configuration: settings)
            self.tracer = OpenTelemetryTracer(backend: backend.factory)
            self.service = eventLoop.map { ServiceOnEventLoop(backend.service, executor: EventLoopTaskExecutor(eventLoop: $0)) }
                ?? backend.service
        } catch {
            throw OpenTelemetrySetupError("tracing.otlp (\(exporter.transport.rawValue) to \(exporter.url)): \(error)")
        }
    }
}

/// Why the `tracing` or `metrics.otlp` section could not be turned into an exporter.
public struct OpenTelemetrySetupError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
