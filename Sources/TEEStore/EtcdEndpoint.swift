import TEEModel

/// One etcd member's client URL: `http://127.0.0.1:2379` or `https://…`.
public struct EtcdEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var usesTLS: Bool

    public init(host: String, port: Int, usesTLS: Bool) {
        self.host = host
        self.port = port
        self.usesTLS = usesTLS
    }

    /// Parses a client URL; nil unless it is `http://HOST:PORT` or `https://HOST:PORT`.
    public init?(url: String) {
        let usesTLS: Bool
        let rest: Substring
        if url.hasPrefix("https://") {
            usesTLS = true
            rest = url.dropFirst(8)
        } else if url.hasPrefix("http://") {
            usesTLS = false
            rest = url.dropFirst(7)
        } else {
            return nil
        }
        let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let address = HostPort(parsing: authority) else { return nil }
        self.init(host: address.host, port: address.port, usesTLS: usesTLS)
    }

    public var description: String {
        "\(self.usesTLS ? "https" : "http")://\(HostPort(host: self.host, port: self.port))"
    }
}
