/// `http.routers.<name>.observability`: what the router's requests produce. A key left out
/// takes the value of the entry point the request came in on (`entryPoints.<name>.observability`).
public struct RouterObservability: Sendable, Equatable {
    /// `accessLogs`: the router's requests are access-logged.
    public var accessLogs: Bool?
    /// `metrics`: the router's requests count in the router and service metrics.
    public var metrics: Bool?
    /// `tracing`: the router's requests are traced.
    public var tracing: Bool?
    /// `traceVerbosity: detailed` (true) or `minimal` (false).
    public var detailedTracing: Bool?

    public init(accessLogs: Bool? = nil, metrics: Bool? = nil, tracing: Bool? = nil, detailedTracing: Bool? = nil) {
        self.accessLogs = accessLogs
        self.metrics = metrics
        self.tracing = tracing
        self.detailedTracing = detailedTracing
    }

    /// Reads an `observability` section (a router's or an entry point's); errors name the key.
    public static func parse(_ node: ConfigNode) throws(ConfigurationError) -> RouterObservability {
        try node.requireKnownKeys(["accessLogs", "metrics", "tracing", "traceVerbosity"])
        var observability = RouterObservability(accessLogs: try node.child("accessLogs")?.bool(), metrics: try node.child("metrics")?.bool(),
                                                tracing: try node.child("tracing")?.bool())
        if let verbosity = try node.child("traceVerbosity") {
            switch try verbosity.string().lowercased() {
            case "minimal": observability.detailedTracing = false
            case "detailed": observability.detailedTracing = true
            case let other: throw verbosity.error("unknown trace verbosity '\(other)'; use minimal or detailed")
            }
        }
        return observability
    }
}
