public import TEEModel
import NIOHTTP1

/// `redirectRegex`: when the request's URL (`scheme://host/path?query`) matches, redirects to
/// the replacement. A replacement that is not a URL is answered 502, as Traefik answers it.
public struct RedirectRegexMiddleware: RequestMiddleware {
    public let configuration: RedirectRegexConfiguration

    public init(_ configuration: RedirectRegexConfiguration) {
        self.configuration = configuration
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let current = request.clientURL(forRedirectScheme: false)
        let url = "\(current.scheme)://\(current.host)\(current.port)\(current.uri)"
        guard self.configuration.regex.matches(url) else { return .proceed }
        let location = self.configuration.regex.replacingAll(in: url, with: self.configuration.replacement)
        guard URLSyntax.isValid(location) else {
            return .respond(SyntheticResponse(status: .badGateway, body: "Bad Gateway"))
        }
        guard location != url else { return .proceed }
        return .respond(.redirect(to: location, permanent: self.configuration.permanent, method: request.head.method))
    }
}
