public import NIOHTTP1

/// `chain`, and a router's list of middlewares: runs each in order until one answers.
public struct MiddlewareChain: RequestMiddleware {
    public let middlewares: [any RequestMiddleware]

    public init(_ middlewares: [any RequestMiddleware]) {
        self.middlewares = middlewares
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        for (index, middleware) in self.middlewares.enumerated() {
            guard case .respond(var response) = middleware.handle(&request) else { continue }
            // The middlewares that already ran wrap this answer too (headers still set theirs).
            var head = HTTPResponseHead(version: request.head.version, status: response.status, headers: response.headers)
            for earlier in self.middlewares[..<index].reversed() {
                earlier.handleResponse(&head, for: request)
            }
            response.headers = head.headers
            return .respond(response)
        }
        return .proceed
    }

    /// Response heads pass through the middlewares in reverse order, innermost first.
    public func handleResponse(_ head: inout HTTPResponseHead, for request: ProxyRequest) {
        for middleware in self.middlewares.reversed() {
            middleware.handleResponse(&head, for: request)
        }
    }
}
