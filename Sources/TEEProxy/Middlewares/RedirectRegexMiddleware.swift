import NIOHTTP1
public import TEEModel

/// `redirectRegex`: when the request's URL (`scheme://host/path?query`) matches, redirects to
/// the replacement.
public struct RedirectRegexMiddleware: RequestMiddleware {
    public let configuration: RedirectRegexConfiguration

    public init(_ configuration: RedirectRegexConfiguration) {
        self.configuration = configuration
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let host = request.head.headers.first(name: "host") ?? request.host
        let url = "\(request.isTLS ? "https" : "http")://\(host)\(request.head.uri)"
        guard self.configuration.regex.matches(url) else { return .proceed }
        let location = self.configuration.regex.replacingAll(in: url, with: self.configuration.replacement)
        guard location != url else { return .proceed }
        return .respond(.redirect(to: location, permanent: self.configuration.permanent, method: request.head.method))
    }
}
