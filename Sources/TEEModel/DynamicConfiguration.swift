/// The dynamic configuration: Traefik's file-provider keys, merged from every source.
///
/// Object names carry their provider (`api@file`); an object that could not be read is
/// absent from its map and listed in ``problems``, so only it is disabled.
public struct DynamicConfiguration: Sendable, Equatable {
    public var routers: [String: HTTPRouterConfiguration] = [:]
    public var services: [String: HTTPServiceConfiguration] = [:]
    public var middlewares: [String: MiddlewareConfiguration] = [:]
    /// Each middleware's settings as written (`{"stripPrefix": {"prefixes": ["/x"]}}`, JSON), for the API.
    public var middlewareSettings: [String: String] = [:]
    public var serversTransports: [String: ServersTransportConfiguration] = [:]
    public var tcpRouters: [String: TCPRouterConfiguration] = [:]
    public var tcpServices: [String: NetworkServiceConfiguration] = [:]
    public var tcpMiddlewares: [String: TCPMiddlewareConfiguration] = [:]
    public var udpRouters: [String: UDPRouterConfiguration] = [:]
    public var udpServices: [String: NetworkServiceConfiguration] = [:]
    public var tls = TLSConfiguration()
    /// Answers to the CA's challenges for the orders in progress (filled by the ACME side, not by files).
    public var acmeChallenges = ACMEChallengeResponses()
    /// Objects that are disabled, with why.
    public var problems: [ConfigurationProblem] = []
    /// Keys of Traefik's reference that the documents set and tee does not act on, one warning each.
    public var warnings: [ConfigurationError] = []

    public init() {}
}
