/// `http.services.<name>.loadBalancer`.
public struct LoadBalancerConfiguration: Sendable, Equatable {
    /// One upstream server.
    public struct Server: Sendable, Equatable {
        /// `url`: scheme, host and port of the server (`http://10.0.0.1:8080`), optionally a path prefix.
        public var url: String
        /// `weight`: share of requests in weighted round robin (default 1).
        public var weight: Int

        public init(url: String, weight: Int = 1) {
            self.url = url
            self.weight = weight
        }
    }

    public var servers: [Server]
    /// `passHostHeader`: forward the client's Host header (default true).
    public var passHostHeader: Bool
    /// `sticky.cookie`: pin clients to a server with a cookie.
    public var stickyCookie: StickyCookieConfiguration?
    /// `serversTransport`: the name of an `http.serversTransports` entry.
    public var serversTransport: String?
    /// `healthCheck`: active health checking, when present.
    public var healthCheck: HealthCheckConfiguration?
    /// `strategy`: `wrr` (smooth weighted round robin, the default) or `p2c` (power of two choices:
    /// of two servers picked at random, the one with fewer requests in progress).
    public var strategy: String = "wrr"
    /// `passiveHealthCheck`: servers that fail requests leave the rotation for a while.
    public var passiveHealthCheck: PassiveHealthCheckConfiguration?
    /// `responseForwarding.flushInterval`.
    public var flushInterval: Duration?

    public init(servers: [Server], passHostHeader: Bool = true, stickyCookie: StickyCookieConfiguration? = nil,
                serversTransport: String? = nil, healthCheck: HealthCheckConfiguration? = nil, flushInterval: Duration? = nil) {
        self.servers = servers
        self.passHostHeader = passHostHeader
        self.stickyCookie = stickyCookie
        self.serversTransport = serversTransport
        self.healthCheck = healthCheck
        self.flushInterval = flushInterval
    }
}
