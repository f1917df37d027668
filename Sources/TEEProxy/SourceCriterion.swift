public import TEEModel

/// Traefik's `sourceCriterion`: the key that groups requests for `rateLimit` and `inFlightReq`.
public struct SourceCriterion: Sendable {
    public let configuration: SourceCriterionConfiguration

    public init(_ configuration: SourceCriterionConfiguration) {
        self.configuration = configuration
    }

    /// The source of `request`.
    public func source(of request: ProxyRequest) -> String {
        switch self.configuration {
        case .ipStrategy(let strategy): IPStrategy(strategy).sourceKey(of: request)
        case .requestHeaderName(let name): request.headerValues(name).first ?? ""
        case .requestHost: request.host
        }
    }
}
