import NIOHTTP1
import TEEProxy
import TEEModel

/// Adds `X-Forwarded-*` and `X-Real-Ip`, keeping incoming ones only from trusted peers
/// (`forwardedHeaders.trustedIPs` or `insecure`), as Traefik does.
struct ForwardedHeaders: Sendable {
    let trustedIPs: [IPNetwork]
    let trustAll: Bool
    /// This host's name, for `X-Forwarded-Server`.
    let serverName: String

    func isTrusted(_ client: IPAddress?) -> Bool {
        if self.trustAll { return true }
        guard let client else { return false }
        return self.trustedIPs.contains { $0.contains(client) }
    }

    /// Rewrites `headers` for a request from `client` that arrived with `originalHost`.
    ///
    /// - Parameters:
    ///   - trusted: whether the client may pass `X-Forwarded-*` on (``isTrusted(_:)``, worked out once per connection).
    ///   - clientText: the client's address as text, also worked out once per connection.
    ///   - omitted: lower-cased names a `headers` middleware removed (set to ""): not added back.
    func apply(to headers: inout HTTPHeaders, trusted: Bool, clientText: String?, originalHost: String?, isTLS: Bool,
               localPort: String?, isWebSocket: Bool, omitting omitted: Set<String> = []) {
        guard omitted.isEmpty else {
            var added = HTTPHeaders()
            self.apply(to: &added, trusted: trusted, clientText: clientText, originalHost: originalHost, isTLS: isTLS,
                       localPort: localPort, isWebSocket: isWebSocket)
            for (name, value) in added where !omitted.contains(name.lowercased()) && !headers.contains(name: name) {
                headers.add(name: name, value: value)
            }
            if !omitted.contains("x-forwarded-for"), let clientText, headers.contains(name: "X-Forwarded-For") {
                let previous = headers[canonicalForm: "X-Forwarded-For"].joined(separator: ", ")
                headers.replaceOrAdd(name: "X-Forwarded-For", value: "\(previous), \(clientText)")
            }
            return
        }
        let present = Self.containsForwardedHeader(headers)
        if let clientText {
            let previous = present ? headers[canonicalForm: "X-Forwarded-For"].joined(separator: ", ") : ""
            if present { headers.remove(name: "X-Forwarded-For") }
            headers.add(name: "X-Forwarded-For", value: previous.isEmpty ? clientText : "\(previous), \(clientText)")
        }
        let scheme = isWebSocket ? (isTLS ? "wss" : "ws") : (isTLS ? "https" : "http")
        let port = originalHost.flatMap(HostPattern.port(ofHost:)) ?? localPort ?? (isTLS ? "443" : "80")
        self.add(&headers, "X-Forwarded-Host", originalHost, checkExisting: present)
        self.add(&headers, "X-Forwarded-Proto", scheme, checkExisting: present)
        self.add(&headers, "X-Forwarded-Port", port, checkExisting: present)
        if present { headers.remove(name: "X-Forwarded-Server") }
        headers.add(name: "X-Forwarded-Server", value: self.serverName)
        self.add(&headers, "X-Real-Ip", clientText, checkExisting: present)
    }

    /// Drops incoming `X-Forwarded-*` and `X-Real-Ip` unless the client is trusted; runs before routing,
    /// so rules and middlewares never see forged values.
    static func sanitize(_ headers: inout HTTPHeaders, trusted: Bool) {
        guard !trusted, Self.containsForwardedHeader(headers) else { return }
        for name in ["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port",
                     "X-Forwarded-Server", "X-Real-Ip", "X-Forwarded-Prefix"] {
            headers.remove(name: name)
        }
    }

    private static func containsForwardedHeader(_ headers: HTTPHeaders) -> Bool {
        headers.contains { Self.isForwardedHeader($0.name) }
    }

    private func add(_ headers: inout HTTPHeaders, _ name: String, _ value: String?, checkExisting: Bool) {
        guard let value, !(checkExisting && headers.contains(name: name)) else { return }
        headers.add(name: name, value: value)
    }

    /// `X-Forwarded-*` or `X-Real-Ip`.
    private static func isForwardedHeader(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard utf8.count >= 9, let first = utf8.first, first | 0x20 == UInt8(ascii: "x") else { return false }
        return name.prefix(12).caseInsensitiveEquals("x-forwarded-") || name.caseInsensitiveEquals("x-real-ip")
    }
}
