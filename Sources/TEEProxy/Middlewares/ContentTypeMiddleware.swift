import NIOHTTP1

/// `contentType`: a response that comes without a `Content-Type` gets one detected from the
/// first bytes of its body (`ContentSniffer`), as Traefik v3 does when this middleware is used.
public struct ContentTypeMiddleware: RequestMiddleware {
    public init() {}

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        request.detectsContentType = true
        return .proceed
    }
}
