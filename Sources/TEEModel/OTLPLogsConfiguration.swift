/// `accessLog.otlp` and `log.otlp`: log records sent to an OTLP collector (an access-log record's
/// fields, a daemon log statement's metadata, as attributes; Traefik v3's keys).
public struct OTLPLogsConfiguration: Sendable, Equatable {
    /// `serviceName` and `resourceAttributes`: the resource the records belong to.
    public var serviceName = "tee"
    public var resourceAttributes: [String: String] = [:]
    /// `http` (default `http://localhost:4318/v1/logs`) or `grpc`.
    public var exporter = OTLPExporterConfiguration(transport: .http, endpoint: "http://localhost:4318/v1/logs")

    public init() {}

    /// Reads an `otlp` section of `accessLog` or `log`; every problem names its file, key and line.
    public static func parse(_ node: ConfigNode) throws(ConfigurationError) -> OTLPLogsConfiguration {
        var logs = OTLPLogsConfiguration()
        if let name = try node.child("serviceName") { logs.serviceName = try name.string() }
        for (name, value) in try node.child("resourceAttributes")?.entries() ?? [] {
            logs.resourceAttributes[name] = try value.string()
        }
        logs.exporter = try OTLPExporterConfiguration.parse(node, defaultHTTPEndpoint: logs.exporter.endpoint)
        return logs
    }
}
