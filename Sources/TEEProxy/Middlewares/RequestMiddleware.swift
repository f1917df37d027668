public import NIOHTTP1

/// A middleware on a router: it sees each request before it is forwarded, and each
/// response head before it goes back to the client.
public protocol RequestMiddleware: Sendable {
    /// Rewrites the request, or answers it without forwarding.
    func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome
    /// Rewrites the response head for `request`.
    func handleResponse(_ head: inout HTTPResponseHead, for request: ProxyRequest)
}

extension RequestMiddleware {
    public func handleResponse(_ head: inout HTTPResponseHead, for request: ProxyRequest) {}
}

/// What a middleware decided about a request.
public enum MiddlewareOutcome: Sendable {
    /// Forward the (possibly rewritten) request.
    case proceed
    /// Answer the client with this response; nothing is forwarded.
    case respond(SyntheticResponse)
    /// Wait for the suspension (which may end in either of the above) before going on.
    case suspend(MiddlewareSuspension)
}
