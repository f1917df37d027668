/// Identifies interchangeable upstream connections: same scheme, host, port and transport settings.
/// The hash is computed once, since pools look keys up on every request.
public struct UpstreamConnectionKey: Hashable, Sendable {
    /// `http`, `https` or `h2c`.
    public let scheme: String
    public let host: String
    public let port: Int
    public let transport: UpstreamTransport
    private let precomputedHash: Int

    public init(scheme: String, host: String, port: Int, transport: UpstreamTransport) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.transport = transport
        var hasher = Hasher()
        hasher.combine(scheme)
        hasher.combine(host)
        hasher.combine(port)
        hasher.combine(transport)
        self.precomputedHash = hasher.finalize()
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.precomputedHash)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.precomputedHash == rhs.precomputedHash && lhs.port == rhs.port && lhs.host == rhs.host && lhs.scheme == rhs.scheme && lhs.transport == rhs.transport
    }
}
