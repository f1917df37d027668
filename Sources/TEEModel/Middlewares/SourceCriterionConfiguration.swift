/// `sourceCriterion`: what groups requests for `rateLimit` and `inFlightReq`: the client's address
/// (by an IP strategy), a request header, or the request's host.
public enum SourceCriterionConfiguration: Sendable, Equatable {
    case ipStrategy(IPStrategyConfiguration)
    case requestHeaderName(String)
    case requestHost

    /// Traefik's default: the connection's remote address.
    public static let remoteAddress = SourceCriterionConfiguration.ipStrategy(IPStrategyConfiguration())

    static func parse(_ node: ConfigNode?) throws(ConfigurationError) -> Self {
        guard let node else { return .remoteAddress }
        try node.requireKnownKeys(["ipStrategy", "requestHeaderName", "requestHost"])
        var criteria: [Self] = []
        if let strategy = try node.child("ipStrategy") { criteria.append(.ipStrategy(try IPStrategyConfiguration.parse(strategy))) }
        if let header = try node.child("requestHeaderName") { criteria.append(.requestHeaderName(try header.string())) }
        if try node.child("requestHost")?.bool() == true { criteria.append(.requestHost) }
        guard criteria.count <= 1 else { throw node.error("set only one of ipStrategy, requestHeaderName and requestHost") }
        return criteria.first ?? .remoteAddress
    }
}
