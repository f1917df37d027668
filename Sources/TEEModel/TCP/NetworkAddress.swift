/// A server address `host:port` (`[v6]:port` for IPv6), as TCP and UDP services name their servers.
public struct NetworkAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`; nil without a host or a valid port.
    public init?(parsing text: String) {
        guard let address = ListenAddress(parsing: text), let host = address.host, address.port > 0 else { return nil }
        self.host = host
        self.port = address.port
    }

    public var description: String { self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)" }
}
