import NIOHTTP1
/// `addPrefix`: puts a prefix in front of the path.
public struct AddPrefixMiddleware: RequestMiddleware {
    public let prefix: String

    public init(prefix: String) {
        self.prefix = prefix
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        // Traefik joins the two as written and makes sure of the leading slash (`api` + `/x` → `/api/x`).
        let path = self.prefix + request.path
        request.setPath(path.hasPrefix("/") ? path : "/" + path)
        return .proceed
    }
}
