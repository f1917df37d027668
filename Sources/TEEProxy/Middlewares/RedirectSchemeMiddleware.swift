import NIOHTTP1
import TEEModel

/// `redirectScheme`: redirects requests to another scheme (usually https), optionally to another port.
///
/// As in Traefik, the target is the client's URL with the scheme and port replaced; when that is
/// the URL the client asked for (already https, or `X-Forwarded-Proto: https` from a trusted
/// proxy in front), the request goes on instead, so a redirection never loops.
public struct RedirectSchemeMiddleware: RequestMiddleware {
    public let scheme: String
    public let port: String?
    public let permanent: Bool

    public init(scheme: String, port: String?, permanent: Bool) {
        self.scheme = scheme
        self.port = port
        self.permanent = permanent
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let current = request.clientURL(forRedirectScheme: true)
        var port = ""
        if let configured = self.port, !configured.isEmpty,
           !(self.scheme == "http" && configured == "80"), !(self.scheme == "https" && configured == "443") {
            port = ":" + configured
        }
        let old = "\(current.scheme)://\(current.host)\(current.port)\(current.uri)"
        let location = "\(self.scheme)://\(current.host)\(port)\(current.uri)"
        guard location != old else { return .proceed }
        return .respond(.redirect(to: location, permanent: self.permanent, method: request.head.method))
    }
}
