import Logging
import OTel
import TEEModel

/// tee's sections as swift-otel's settings.
enum OTLPExporterSettings {
    /// One signal (traces, metrics or logs) turned on, for `serviceName` with `resourceAttributes`,
    /// sent to `exporter`; swift-otel's own warnings (a collector that does not answer) go to
    /// `diagnostics`, with the collector's address.
    static func configuration(enabling signal: Signal, serviceName: String, resourceAttributes: [String: String],
                              exporter: OTLPExporterConfiguration, diagnostics: Logger) -> OTel.Configuration {
        var settings = OTel.Configuration.default
        settings.serviceName = serviceName
        settings.resourceAttributes = resourceAttributes
        var diagnostics = diagnostics
        diagnostics[metadataKey: "collector"] = "\(exporter.url)"
        settings.diagnosticLogger = .custom(diagnostics)
        settings.diagnosticLogLevel = .warning
        settings.traces.enabled = signal == .traces
        settings.metrics.enabled = signal == .metrics
        settings.logs.enabled = signal == .logs
        switch signal {
        case .traces:
            settings.traces.exporter = .otlp
            settings.traces.otlpExporter = Self.make(exporter, base: settings.traces.otlpExporter)
        case .metrics:
            settings.metrics.exporter = .otlp
            settings.metrics.otlpExporter = Self.make(exporter, base: settings.metrics.otlpExporter)
        case .logs:
            settings.logs.exporter = .otlp
            settings.logs.otlpExporter = Self.make(exporter, base: settings.logs.otlpExporter)
        }
        return settings
    }

    enum Signal {
        case traces, metrics, logs
    }

    /// An `otlp` section (endpoint, transport, headers, client TLS) as swift-otel's exporter settings.
    static func make(_ exporter: OTLPExporterConfiguration, base: OTel.Configuration.OTLPExporterConfiguration)
        -> OTel.Configuration.OTLPExporterConfiguration {
        var settings = base
        settings.endpoint = exporter.url
        settings.protocol = exporter.transport == .grpc ? .grpc : .httpProtobuf
        settings.headers = exporter.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        settings.certificateFilePath = exporter.tls?.ca
        settings.clientCertificateFilePath = exporter.tls?.cert
        settings.clientKeyFilePath = exporter.tls?.key
        return settings
    }
}
