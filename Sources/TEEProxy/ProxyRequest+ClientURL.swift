import NIOHTTP1
import TEEModel

extension ProxyRequest {
    /// The URL the client asked for, as Traefik's redirect middlewares build it:
    /// `scheme://host[:port]/path?query`, the scheme `https` over TLS.
    ///
    /// - Parameter forRedirectScheme: as `redirectScheme` sees it: `X-Forwarded-Proto` (kept only from
    ///   trusted peers) names the scheme, and the scheme's default port is left out.
    func clientURL(forRedirectScheme: Bool) -> (scheme: String, host: String, port: String, uri: String) {
        let hostHeader = self.head.headers.first(name: "host") ?? self.host
        let host = HostPattern.hostWithoutPort(hostHeader)
        var port = String(hostHeader.dropFirst(host.count))  // ":8080" or ""
        var scheme = self.isTLS ? "https" : "http"
        if forRedirectScheme {
            if let proto = self.head.headers.first(name: "x-forwarded-proto"), !proto.isEmpty { scheme = proto }
            if (scheme == "http" && port == ":80") || (scheme == "https" && port == ":443") { port = "" }
        }
        return (scheme, host, port, self.head.uri)
    }
}
