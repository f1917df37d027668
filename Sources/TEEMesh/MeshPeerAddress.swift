/// Where an agent's inter-agent (mTLS) port is reached: `host:port`.
public struct MeshPeerAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT` (port 1–65535); nil when it does not.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65_535).contains(port) else { return nil }
        let host = String(text[..<colon])
        guard !host.isEmpty else { return nil }
        self.init(host: host, port: port)
    }

    public var description: String { "\(self.host):\(self.port)" }
}
