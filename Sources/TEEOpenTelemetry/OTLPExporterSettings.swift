import OTel
import TEEModel

/// An `otlp` section (endpoint, transport, headers, client TLS) as swift-otel's exporter settings.
enum OTLPExporterSettings {
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
