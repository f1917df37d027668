/// `tracing`: OpenTelemetry traces of requests, sent to an OTLP collector (Traefik v3's keys).
///
///     tracing:
///       serviceName: edge
///       sampleRate: 0.2
///       capturedRequestHeaders: [User-Agent]
///       otlp:
///         grpc: {endpoint: "collector:4317", insecure: true}
public struct TracingConfiguration: Sendable, Equatable {
    /// `serviceName`: the `service.name` resource attribute.
    public var serviceName: String
    /// `sampleRate`: the share of new traces recorded (0 to 1); a request that arrives with a
    /// `traceparent` follows its caller's decision.
    public var sampleRate: Double
    /// `resourceAttributes` (and v3.0's `globalAttributes`): attributes of the resource every span belongs to.
    public var resourceAttributes: [String: String]
    /// `capturedRequestHeaders`: request headers recorded as `http.request.header.<name>`.
    public var capturedRequestHeaders: [String]
    /// `capturedResponseHeaders`: response headers recorded as `http.response.header.<name>`.
    public var capturedResponseHeaders: [String]
    /// `safeQueryParams`: query parameters whose values `url.query` shows; the others read `REDACTED`.
    public var safeQueryParams: [String]
    /// `addInternals`: trace the proxy's own answers (ping, metrics, the API) too.
    public var addInternals: Bool
    /// `otlp.http` or `otlp.grpc`: where the spans go.
    public var exporter: OTLPExporterConfiguration

    public init(serviceName: String = "tee", sampleRate: Double = 1.0, resourceAttributes: [String: String] = [:],
                capturedRequestHeaders: [String] = [], capturedResponseHeaders: [String] = [], safeQueryParams: [String] = [],
                addInternals: Bool = false, exporter: OTLPExporterConfiguration = .defaultHTTP) {
        self.serviceName = serviceName
        self.sampleRate = sampleRate
        self.resourceAttributes = resourceAttributes
        self.capturedRequestHeaders = capturedRequestHeaders
        self.capturedResponseHeaders = capturedResponseHeaders
        self.safeQueryParams = safeQueryParams
        self.addInternals = addInternals
        self.exporter = exporter
    }

    /// Reads a `tracing` section; every problem names its file, key and line.
    public static func parse(_ node: ConfigNode) throws(ConfigurationError) -> TracingConfiguration {
        var tracing = TracingConfiguration()
        if let name = try node.child("serviceName") {
            tracing.serviceName = try name.string()
            if tracing.serviceName.isEmpty { throw name.error("serviceName is empty; name the service the spans belong to") }
        }
        if let rate = try node.child("sampleRate") {
            let text = try rate.string()
            guard let value = Double(text), (0...1).contains(value) else {
                throw rate.error("'\(text)' is not a sample rate; use a number from 0 (none) to 1 (every request)")
            }
            tracing.sampleRate = value
        }
        for key in ["globalAttributes", "resourceAttributes"] {
            for (name, value) in try node.child(key)?.entries() ?? [] {
                tracing.resourceAttributes[name] = try value.string()
            }
        }
        tracing.capturedRequestHeaders = try node.child("capturedRequestHeaders")?.stringList() ?? []
        tracing.capturedResponseHeaders = try node.child("capturedResponseHeaders")?.stringList() ?? []
        tracing.safeQueryParams = try node.child("safeQueryParams")?.stringList() ?? []
        tracing.addInternals = try node.child("addInternals")?.bool() ?? false
        if let otlp = try node.child("otlp") {
            tracing.exporter = try OTLPExporterConfiguration.parse(otlp)
        }
        return tracing
    }
}
