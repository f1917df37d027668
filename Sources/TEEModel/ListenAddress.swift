/// An entry point's address in Traefik's form: `:80`, `0.0.0.0:80`, `[::1]:8443`, optionally `/tcp`.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host to bind; nil binds every address.
    public var host: String?
    /// The port.
    public var port: Int
    /// Written with `/udp`: the entry point takes UDP datagrams.
    public var isUDP: Bool

    public init(host: String?, port: Int, isUDP: Bool = false) {
        self.host = host
        self.port = port
        self.isUDP = isUDP
    }

    /// Parses Traefik's address syntax; nil when malformed.
    public init?(parsing text: String) {
        var text = Substring(text)
        self.isUDP = text.lowercased().hasSuffix("/udp")
        if text.lowercased().hasSuffix("/tcp") || self.isUDP { text = text.dropLast(4) }
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = text[..<colon]
        if host.hasPrefix("[") && host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        self.host = host.isEmpty ? nil : String(host)
        self.port = port
    }

    /// The host to hand to `bind(2)`: every IPv6 and IPv4 address when none was given.
    public var bindHost: String { self.host ?? "::" }

    public var description: String {
        let suffix = self.isUDP ? "/udp" : ""
        guard let host else { return ":\(self.port)\(suffix)" }
        return (host.contains(":") ? "[\(host)]:\(self.port)" : "\(host):\(self.port)") + suffix
    }
}
