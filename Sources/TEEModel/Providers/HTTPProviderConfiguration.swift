/// `providers.http`: a dynamic configuration document (JSON or YAML) fetched from a URL and polled.
public struct HTTPProviderConfiguration: Sendable, Equatable {
    public var endpoint: String
    public var pollInterval: Duration = .seconds(5)
    public var pollTimeout: Duration = .seconds(5)
    /// Sent with each request (an `Authorization` header, say).
    public var headers: [String: String] = [:]
    public var tls: ProviderTLSConfiguration?

    public init(endpoint: String) {
        self.endpoint = endpoint
    }

    static func parse(_ node: ConfigNode) throws(ConfigurationError) -> HTTPProviderConfiguration {
        guard let endpointNode = try node.child("endpoint") else {
            throw node.error("missing endpoint; give the URL that serves the configuration, such as http://127.0.0.1:9000/tee.json")
        }
        let endpoint = try endpointNode.string()
        guard endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://") else {
            throw endpointNode.error("expected an http:// or https:// URL, got '\(endpoint)'")
        }
        var http = HTTPProviderConfiguration(endpoint: endpoint)
        http.pollInterval = try node.child("pollInterval")?.duration() ?? .seconds(5)
        http.pollTimeout = try node.child("pollTimeout")?.duration() ?? .seconds(5)
        guard http.pollInterval > .zero else { throw try node.child("pollInterval")!.error("the interval must be above zero, such as 5s") }
        for (name, value) in try node.child("headers")?.entries() ?? [] {
            http.headers[name] = try value.string()
        }
        if let tls = try node.child("tls") { http.tls = try ProviderTLSConfiguration.parse(tls) }
        return http
    }
}
