/// A server URL from `loadBalancer.servers[].url`: scheme, host, port and an optional path prefix.
public struct UpstreamURL: Sendable, Hashable, CustomStringConvertible {
    /// `http`, `https` or `h2c`.
    public var scheme: String
    /// Host name or address (IPv6 without brackets).
    public var host: String
    public var port: Int
    /// The path part, empty or starting with `/`, prepended to forwarded paths.
    public var path: String

    /// Whether connections use TLS.
    public var usesTLS: Bool { self.scheme == "https" }

    public init?(parsing text: String) {
        guard let separator = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard ["http", "https", "h2c"].contains(scheme) else { return nil }
        var rest = text[separator.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { return nil }
        let defaultPort = scheme == "https" ? 443 : 80
        guard let port = portText.map({ Int($0) }) ?? defaultPort, (1...65535).contains(port) else { return nil }
        self.scheme = scheme
        self.host = String(host)
        self.port = port
        let path = rest.prefix { $0 != "?" }
        self.path = path == "/" ? "" : String(path)
    }

    /// The `Host` header for a request to this server: the host (in brackets for IPv6), with the
    /// port unless it is the scheme's default.
    public var hostHeader: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return self.port == (self.usesTLS ? 443 : 80) ? host : "\(host):\(self.port)"
    }

    public var description: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "\(self.scheme)://\(host):\(self.port)\(self.path)"
    }
}
