public import TEEModel

/// How to connect to upstream servers: the resolved `serversTransport` settings.
public struct UpstreamTransport: Sendable, Hashable {
    public var dialTimeout: Duration
    /// 0 waits for the response head forever.
    public var responseHeaderTimeout: Duration
    public var idleTimeout: Duration
    public var maxIdleConnectionsPerHost: Int
    public var serverName: String?
    public var insecureSkipVerify: Bool
    public var rootCAs: [String]
    public var certificates: [CertificateFiles]
    /// Speak HTTP/1.1 to `https://` servers even when they offer HTTP/2.
    public var disableHTTP2: Bool

    public init(_ configuration: ServersTransportConfiguration = ServersTransportConfiguration()) {
        self.dialTimeout = configuration.dialTimeout
        self.responseHeaderTimeout = configuration.responseHeaderTimeout
        self.idleTimeout = configuration.idleConnTimeout
        self.maxIdleConnectionsPerHost = configuration.maxIdleConnsPerHost
        self.serverName = configuration.serverName
        self.insecureSkipVerify = configuration.insecureSkipVerify
        self.rootCAs = configuration.rootCAs
        self.certificates = configuration.certificates
        self.disableHTTP2 = configuration.disableHTTP2
    }
}
