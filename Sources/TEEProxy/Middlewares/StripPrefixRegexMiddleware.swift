import NIOHTTP1
public import TEEModel

/// `stripPrefixRegex`: removes the start of the path that one of the expressions matches, and
/// records it in `X-Forwarded-Prefix`.
public struct StripPrefixRegexMiddleware: RequestMiddleware {
    public let configuration: StripPrefixRegexConfiguration

    public init(_ configuration: StripPrefixRegexConfiguration) {
        self.configuration = configuration
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let path = request.path
        for regex in self.configuration.regex {
            guard let range = regex.firstMatchRange(in: path), range.lowerBound == path.startIndex, !range.isEmpty else { continue }
            let prefix = String(path[range])
            let rest = String(path[range.upperBound...])
            request.head.headers.add(name: "X-Forwarded-Prefix", value: prefix)
            return request.rewritePath(rest)
        }
        return .proceed
    }
}
