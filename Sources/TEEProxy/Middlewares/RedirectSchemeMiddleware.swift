import NIOHTTP1
import TEEModel

/// `redirectScheme`: redirects requests to another scheme (usually https), optionally to another port.
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
        let currentScheme = request.isTLS ? "https" : "http"
        if currentScheme == self.scheme && self.port == nil { return .proceed }
        let hostHeader = request.head.headers.first(name: "host") ?? request.host
        var host = HostPattern.hostWithoutPort(hostHeader)
        let defaultPort = self.scheme == "https" ? "443" : "80"
        if let port = self.port, port != defaultPort { host += ":\(port)" }
        let location = "\(self.scheme)://\(host)\(request.head.uri.hasPrefix("/") ? request.head.uri : request.path)"
        return .respond(.redirect(to: location, permanent: self.permanent, method: request.head.method))
    }
}
