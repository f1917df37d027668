import NIOHTTP1
public import TEEModel

/// `replacePathRegex`: rewrites a matching path by the replacement; the original goes in `X-Replaced-Path`.
public struct ReplacePathRegexMiddleware: RequestMiddleware {
    public let configuration: ReplacePathRegexConfiguration

    public init(_ configuration: ReplacePathRegexConfiguration) {
        self.configuration = configuration
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let path = request.path
        // As Traefik: an empty replacement changes nothing; a replacement that leaves a
        // malformed escape is the proxy's error (500).
        guard !self.configuration.replacement.isEmpty, self.configuration.regex.matches(path) else { return .proceed }
        let replaced = self.configuration.regex.replacingAll(in: path, with: self.configuration.replacement)
        guard PercentDecoding.fullyDecodedPath(replaced) != nil else {
            return .respond(SyntheticResponse(status: .internalServerError))
        }
        request.head.headers.add(name: "X-Replaced-Path", value: path)
        return request.rewritePath(replaced)
    }
}
