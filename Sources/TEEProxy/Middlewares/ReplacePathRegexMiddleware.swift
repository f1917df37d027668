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
        guard self.configuration.regex.matches(path) else { return .proceed }
        var replaced = self.configuration.regex.replacingAll(in: path, with: self.configuration.replacement)
        if !replaced.hasPrefix("/") { replaced = "/" + replaced }
        request.head.headers.replaceOrAdd(name: "X-Replaced-Path", value: path)
        request.setPath(replaced)
        return .proceed
    }
}
