/// A built service: picks the server a request goes to.
public protocol ServiceHandler: Sendable {
    /// The server for this request, or nil when none is available (the client gets 503).
    func select(for request: ProxyRequest) -> ServerSelection?
    /// Whether any server behind this service is healthy (failover uses it).
    var hasHealthyServer: Bool { get }
}

/// The outcome of choosing a server.
public struct ServerSelection: Sendable {
    public let server: UpstreamServer
    /// Forward the client's Host header (else the server's host).
    public let passHostHeader: Bool
    /// `Set-Cookie` values to add to the response (sticky sessions).
    public var setCookies: [String]
    /// Copies of the request to send to `mirroring` services' mirrors.
    public var mirror: MirrorPlan?
    /// The server's requests in progress are counted (`p2c`).
    public var countsInFlight = false

    public init(server: UpstreamServer, passHostHeader: Bool, setCookies: [String] = []) {
        self.server = server
        self.passHostHeader = passHostHeader
        self.setCookies = setCookies
    }
}
