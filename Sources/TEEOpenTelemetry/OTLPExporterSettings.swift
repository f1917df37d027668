public import Logging
import OTel
import TEEModel

/// tee's sections as swift-otel's settings.
enum OTLPExporterSettings {
    /// One signal (traces, metrics or logs) turned on, for `serviceName` with `resourceAttributes`;
    /// swift-otel's own warnings go to `diagnostics`.
    static func configuration(enabling signal: Signal, serviceName: String, resourceAttributes: [String: String],
                              diagnostics: Logger) -> OTel.Configuration {
        var settings = OTel.Configuration.default
        settings.serviceName = serviceName
        settings.resourceAttributes = resourceAttributes
        settings.diagnosticLogger = .custom(diagnostics)
        settings.diagnosticLogLevel = .warning
        settings.traces.enabled = signal == .traces
        settings.metrics.enabled = signal == .metrics
        settings.logs.enabled = signal == .logs
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
