/// `metrics.otlp`: the proxy's metrics pushed to an OTLP collector, under the same names and
/// labels as `/metrics` (Traefik v3's keys).
public struct OTLPMetricsConfiguration: Sendable, Equatable {
    /// `addEntryPointsLabels` (default true), `addRoutersLabels` (false), `addServicesLabels` (true).
    public var addEntryPointsLabels = true
    public var addRoutersLabels = false
    public var addServicesLabels = true
    /// `metrics.addInternals`: the proxy's own answers are counted too.
    public var addInternals = false
    /// `explicitBoundaries`: the request-duration histogram's upper bounds, in seconds.
    public var explicitBoundaries = Self.defaultBoundaries
    /// `pushInterval`: how often the metrics are sent.
    public var pushInterval: Duration = .seconds(10)
    /// `serviceName` and `resourceAttributes`: the resource the metrics belong to.
    public var serviceName = "tee"
    public var resourceAttributes: [String: String] = [:]
    /// `http` or `grpc`: where the metrics go.
    public var exporter = OTLPExporterConfiguration(transport: .http, endpoint: "http://localhost:4318/v1/metrics")

    /// Traefik's default boundaries.
    public static let defaultBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]

    public init() {}

    /// Reads a `metrics.otlp` section; every problem names its file, key and line.
    public static func parse(_ node: ConfigNode) throws(ConfigurationError) -> OTLPMetricsConfiguration {
        var metrics = OTLPMetricsConfiguration()
        metrics.addEntryPointsLabels = try node.child("addEntryPointsLabels")?.bool() ?? true
        metrics.addRoutersLabels = try node.child("addRoutersLabels")?.bool() ?? false
        metrics.addServicesLabels = try node.child("addServicesLabels")?.bool() ?? true
        if let boundaries = try node.child("explicitBoundaries") { metrics.explicitBoundaries = try boundaries.histogramBounds() }
        if let interval = try node.child("pushInterval") {
            metrics.pushInterval = try interval.duration()
            guard metrics.pushInterval > .zero else { throw interval.error("pushInterval must be longer than 0, such as 10s") }
        }
        if let name = try node.child("serviceName") { metrics.serviceName = try name.string() }
        for (name, value) in try node.child("resourceAttributes")?.entries() ?? [] {
            metrics.resourceAttributes[name] = try value.string()
        }
        let http = try node.child("http"), grpc = try node.child("grpc")
        if http != nil || grpc != nil {
            metrics.exporter = try OTLPExporterConfiguration.parse(node, defaultHTTPEndpoint: metrics.exporter.endpoint)
        }
        return metrics
    }
}
