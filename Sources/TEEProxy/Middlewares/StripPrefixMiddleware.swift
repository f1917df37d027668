import NIOHTTP1
import TEEModel

/// `stripPrefix`: removes the first matching prefix from the path and records it in
/// `X-Forwarded-Prefix`, as Traefik does. An empty list leaves every request alone.
public struct StripPrefixMiddleware: RequestMiddleware {
    public let prefixes: [String]

    public init(prefixes: [String]) {
        self.prefixes = prefixes
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        // Traefik compares with the decoded path (Go's URL.Path); the path as written is tried first.
        let decoded = request.path.utf8.contains(UInt8(ascii: "%")) ? PercentDecoding.fullyDecodedPath(request.path) : nil
        for prefix in self.prefixes {
            let rest: String
            if request.path.hasPrefix(prefix) {
                rest = String(request.path.dropFirst(prefix.count))
            } else if let decoded, decoded.hasPrefix(prefix) {
                rest = PercentDecoding.escapePath(String(decoded.dropFirst(prefix.count)))
            } else {
                continue
            }
            request.head.headers.add(name: "X-Forwarded-Prefix", value: String(prefix.trimmingSpaces()))
            return request.rewritePath(rest)
        }
        return .proceed
    }
}
