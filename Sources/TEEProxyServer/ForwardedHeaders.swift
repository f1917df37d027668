import NIOHTTP1
import TEEModel

/// Adds `X-Forwarded-*` and `X-Real-Ip`, keeping incoming ones only from trusted peers
/// (`forwardedHeaders.trustedIPs` or `insecure`), as Traefik does.
struct ForwardedHeaders: Sendable {
    let trustedIPs: [IPNetwork]
    let trustAll: Bool
    /// This host's name, for `X-Forwarded-Server`.
    let serverName: String

    static let names = ["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port",
                        "X-Forwarded-Server", "X-Real-Ip", "X-Forwarded-Prefix"]

    func isTrusted(_ client: IPAddress?) -> Bool {
        if self.trustAll { return true }
        guard let client else { return false }
        return self.trustedIPs.contains { $0.contains(client) }
    }

    /// Rewrites `headers` for a request from `client` that arrived with `originalHost` on `port`.
    func apply(to headers: inout HTTPHeaders, client: IPAddress?, originalHost: String?, isTLS: Bool, localPort: Int?,
               isWebSocket: Bool) {
        let trusted = self.isTrusted(client)
        if !trusted {
            // X-Forwarded-Prefix is ours to set (stripPrefix) after this runs, so it goes too.
            for name in Self.names { headers.remove(name: name) }
        }
        let clientText = client?.description
        if let clientText {
            let previous = headers[canonicalForm: "X-Forwarded-For"].joined(separator: ", ")
            headers.replaceOrAdd(name: "X-Forwarded-For", value: previous.isEmpty ? clientText : "\(previous), \(clientText)")
        }
        self.setIfAbsent(&headers, "X-Forwarded-Host", originalHost)
        let scheme = isWebSocket ? (isTLS ? "wss" : "ws") : (isTLS ? "https" : "http")
        self.setIfAbsent(&headers, "X-Forwarded-Proto", scheme)
        let port = originalHost.flatMap(Self.port(ofHost:)) ?? localPort.map(String.init) ?? (isTLS ? "443" : "80")
        self.setIfAbsent(&headers, "X-Forwarded-Port", port)
        headers.replaceOrAdd(name: "X-Forwarded-Server", value: self.serverName)
        self.setIfAbsent(&headers, "X-Real-Ip", clientText)
    }

    private func setIfAbsent(_ headers: inout HTTPHeaders, _ name: String, _ value: String?) {
        guard let value, !headers.contains(name: name) else { return }
        headers.add(name: name, value: value)
    }

    private static func port(ofHost host: String) -> String? {
        let withoutPort = HostPattern.hostWithoutPort(host)
        guard withoutPort.count < host.count else { return nil }
        return String(host.dropFirst(withoutPort.count + 1))
    }
}
