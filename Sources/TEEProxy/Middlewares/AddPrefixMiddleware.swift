import NIOHTTP1
/// `addPrefix`: puts a prefix in front of the path.
public struct AddPrefixMiddleware: RequestMiddleware {
    public let prefix: String

    public init(prefix: String) {
        self.prefix = prefix
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        request.setPath(self.prefix + request.path)
        return .proceed
    }
}
