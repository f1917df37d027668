import NIOHTTP1
/// `stripPrefix`: removes the first matching prefix from the path and records it in
/// `X-Forwarded-Prefix`, as Traefik does.
public struct StripPrefixMiddleware: RequestMiddleware {
    public let prefixes: [String]

    public init(prefixes: [String]) {
        self.prefixes = prefixes
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        for prefix in self.prefixes where request.path.hasPrefix(prefix) {
            var rest = String(request.path.dropFirst(prefix.count))
            if !rest.hasPrefix("/") { rest = "/" + rest }
            request.head.headers.replaceOrAdd(name: "X-Forwarded-Prefix", value: prefix)
            request.setPath(rest)
            break
        }
        return .proceed
    }
}
