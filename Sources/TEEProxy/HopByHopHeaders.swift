public import NIOHTTP1
import TEEModel

/// Headers that describe one connection and must not be forwarded (RFC 9110 §7.6.1).
public enum HopByHopHeaders {
    /// Removes the hop-by-hop headers and any header the `Connection` header names.
    /// `Transfer-Encoding` stays: NIO's encoder frames the body by it.
    ///
    /// One pass finds what is there, so the usual case (none, or only `Connection`) costs one scan.
    public static func remove(from headers: inout HTTPHeaders, keepUpgrade: Bool = false) {
        // The usual case (only `Connection: keep-alive`) allocates nothing: the first name found is
        // kept apart, and the arrays (empty until appended to) are for the rare rest.
        var first: String?
        var more: [String] = []
        var listed: [Substring] = []
        for (name, value) in headers where self.isHopByHop(name) {
            let isConnection = name.caseInsensitiveEquals("connection")
            if keepUpgrade && (isConnection || name.caseInsensitiveEquals("upgrade")) { continue }
            if first == nil { first = name } else { more.append(name) }
            if isConnection && !value.caseInsensitiveEquals("keep-alive") && !value.caseInsensitiveEquals("close") {
                listed += value.split(separator: ",").map { $0.trimmingSpaces() }
            }
        }
        guard let first else { return }
        headers.remove(name: first)
        for name in more { headers.remove(name: name) }
        for name in listed where !name.isEmpty && !name.caseInsensitiveEquals("close") && !name.caseInsensitiveEquals("keep-alive") {
            if keepUpgrade && name.caseInsensitiveEquals("upgrade") { continue }
            headers.remove(name: String(name))
        }
    }

    /// Whether `name` is one of the fixed hop-by-hop headers; checks the length first, so most names cost nothing.
    static func isHopByHop(_ name: String) -> Bool {
        switch name.utf8.count {
        case 2: name.caseInsensitiveEquals("te")
        case 7: name.caseInsensitiveEquals("trailer") || name.caseInsensitiveEquals("upgrade")
        case 10: name.caseInsensitiveEquals("connection") || name.caseInsensitiveEquals("keep-alive")
        case 16: name.caseInsensitiveEquals("proxy-connection")
        case 18: name.caseInsensitiveEquals("proxy-authenticate")
        case 19: name.caseInsensitiveEquals("proxy-authorization")
        default: false
        }
    }
}
