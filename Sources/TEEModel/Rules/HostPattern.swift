/// The host a `Host` matcher accepts: an exact name, or `*.example.com` for one label under a domain.
public enum HostPattern: Sendable, Hashable {
    /// A lower-cased host name.
    case exact(String)
    /// The lower-cased suffix after `*`, such as `.example.com`.
    case wildcard(suffix: String)

    /// Parses `example.com` or `*.example.com`, lower-casing it.
    public init(_ text: String) {
        var host = text.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        // An IPv6 address matches with and without its brackets.
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasPrefix("*.") {
            self = .wildcard(suffix: String(host.dropFirst()))
        } else {
            self = .exact(host)
        }
    }

    /// Whether a normalised request host matches.
    @inlinable
    public func matches(_ host: String) -> Bool {
        switch self {
        case .exact(let name):
            return host == name
        case .wildcard(let suffix):
            guard host.count > suffix.count, host.hasSuffix(suffix) else { return false }
            return !host.dropLast(suffix.count).contains(".")
        }
    }

    /// The wildcard pattern a host would match through, if any: `api.example.com` → `.example.com`.
    public static func wildcardSuffix(of host: String) -> String? {
        guard let dot = host.utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        return String(host.utf8[dot...])!
    }

    /// Strips the port, an IPv6 address's brackets and a trailing dot from a Host header and lower-cases it.
    public static func normalise(_ header: String) -> String {
        // The usual case, a lower-case name without port or trailing dot, is returned as is.
        if !header.utf8.contains(where: { ($0 >= 0x41 && $0 <= 0x5a) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "[") }),
           header.utf8.last != UInt8(ascii: ".") {
            return header
        }
        var host = Substring(header)
        if host.hasPrefix("[") {
            // `[::1]:80` → `::1`, as Go's SplitHostPort gives it.
            if let close = host.firstIndex(of: "]") { host = host[host.index(after: host.startIndex)..<close] }
        } else if let colon = host.lastIndex(of: ":"), host.firstIndex(of: ":") == colon {
            host = host[..<colon]
        }
        if host.hasSuffix(".") { host = host.dropLast() }
        return host.lowercased()
    }
}

extension HostPattern {
    /// A Host header without its port, case kept: `Example.com:8080` → `Example.com`, `[::1]:80` → `[::1]`.
    public static func hostWithoutPort(_ header: String) -> String {
        guard let end = self.hostEnd(header) else { return header }
        return String(header.utf8[..<end])!
    }

    /// The port of a Host header (`Example.com:8080` → `8080`, `[::1]:80` → `80`), nil without one.
    public static func port(ofHost header: String) -> String? {
        guard let end = self.hostEnd(header) else { return nil }
        let utf8 = header.utf8
        guard utf8[end] == UInt8(ascii: ":") else { return nil }
        return String(utf8[utf8.index(after: end)...])!
    }

    /// Where the host part of a Host header ends when something (a port) follows it; nil when the whole header is the host.
    private static func hostEnd(_ header: String) -> String.UTF8View.Index? {
        let utf8 = header.utf8
        if utf8.first == UInt8(ascii: "[") {
            guard let close = utf8.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            let end = utf8.index(after: close)
            return end == utf8.endIndex ? nil : end
        }
        // One colon separates a port; more than one is an IPv6 address without brackets, kept whole.
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")),
              !utf8[utf8.index(after: colon)...].contains(UInt8(ascii: ":")) else { return nil }
        return colon
    }
}
