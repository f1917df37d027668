import NIOHTTP1

/// Headers that describe one connection and must not be forwarded (RFC 9110 §7.6.1).
enum HopByHopHeaders {
    static let names = ["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
                        "te", "trailer", "upgrade"]

    /// Removes the hop-by-hop headers and any header the `Connection` header names.
    /// `Transfer-Encoding` stays: NIO's encoder frames the body by it.
    static func remove(from headers: inout HTTPHeaders, keepUpgrade: Bool = false) {
        for value in headers[canonicalForm: "connection"] {
            let name = value.lowercased()
            if keepUpgrade && name == "upgrade" { continue }
            if !["close", "keep-alive"].contains(name) { headers.remove(name: String(value)) }
        }
        for name in self.names where !(keepUpgrade && (name == "upgrade" || name == "connection")) {
            headers.remove(name: name)
        }
    }
}
