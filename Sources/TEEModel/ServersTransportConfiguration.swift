/// `http.serversTransports.<name>`: how the proxy connects to upstream servers.
public struct ServersTransportConfiguration: Sendable, Equatable {
    public var serverName: String?
    public var insecureSkipVerify: Bool
    /// PEM files of CAs that sign the servers' certificates.
    public var rootCAs: [String]
    /// Client certificates (`certFile`, `keyFile`) presented to servers.
    public var certificates: [CertificateFiles]
    public var maxIdleConnsPerHost: Int
    public var dialTimeout: Duration
    /// `forwardingTimeouts.responseHeaderTimeout`: 0 waits forever.
    public var responseHeaderTimeout: Duration
    public var idleConnTimeout: Duration
    public var disableHTTP2: Bool

    public init(serverName: String? = nil, insecureSkipVerify: Bool = false, rootCAs: [String] = [],
                certificates: [CertificateFiles] = [], maxIdleConnsPerHost: Int = 200,
                dialTimeout: Duration = .seconds(30), responseHeaderTimeout: Duration = .zero,
                idleConnTimeout: Duration = .seconds(90), disableHTTP2: Bool = false) {
        self.serverName = serverName
        self.insecureSkipVerify = insecureSkipVerify
        self.rootCAs = rootCAs
        self.certificates = certificates
        self.maxIdleConnsPerHost = maxIdleConnsPerHost
        self.dialTimeout = dialTimeout
        self.responseHeaderTimeout = responseHeaderTimeout
        self.idleConnTimeout = idleConnTimeout
        self.disableHTTP2 = disableHTTP2
    }
}
