import NIOCore
public import NIOHTTP1
import Tracing

/// `chain`, and a router's list of middlewares: runs each in order until one answers. A middleware
/// that has to wait suspends the chain, which goes on with the next one when it resumes.
public struct MiddlewareChain: RequestMiddleware {
    public let middlewares: [any RequestMiddleware]
    /// Each middleware's name and type, for its span in detailed traces (empty: no spans).
    let spanLabels: [MiddlewareSpanLabel]

    public init(_ middlewares: [any RequestMiddleware], spanLabels: [MiddlewareSpanLabel] = []) {
        self.middlewares = middlewares
        self.spanLabels = spanLabels
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        self.run(from: 0, &request)
    }

    /// Runs the middlewares from index `start` on.
    private func run(from start: Int, _ request: inout ProxyRequest) -> MiddlewareOutcome {
        for index in self.middlewares.indices.dropFirst(start) {
            if let trace = request.trace, index < self.spanLabels.count {
                let label = self.spanLabels[index]
                trace.open(label.type) { $0["traefik.middleware.name"] = label.name }
            }
            switch self.middlewares[index].handle(&request) {
            case .proceed:
                continue
            case .respond(let response):
                return .respond(self.wrap(response, answeredAt: index, for: request))
            case .suspend(let suspension):
                return .suspend(MiddlewareSuspension { request, context in
                    suspension.resume(request, context).flatMap { request, outcome in
                        var request = request
                        switch outcome {
                        case .proceed:
                            let rest = self.run(from: index + 1, &request)
                            if case .suspend(let next) = rest { return next.resume(request, context) }
                            return context.eventLoop.makeSucceededFuture((request, rest))
                        case .respond(let response):
                            return context.eventLoop.makeSucceededFuture((request, .respond(self.wrap(response, answeredAt: index, for: request))))
                        case .suspend(let next):
                            return next.resume(request, context)
                        }
                    }
                })
            }
        }
        return .proceed
    }

    /// The middlewares that ran before the one that answered wrap its answer too (headers still set theirs).
    private func wrap(_ response: SyntheticResponse, answeredAt index: Int, for request: ProxyRequest) -> SyntheticResponse {
        var response = response
        var head = HTTPResponseHead(version: request.head.version, status: response.status, headers: response.headers)
        for earlier in self.middlewares[..<index].reversed() {
            earlier.handleResponse(&head, for: request)
        }
        response.headers = head.headers
        return response
    }

    /// Response heads pass through the middlewares in reverse order, innermost first.
    public func handleResponse(_ head: inout HTTPResponseHead, for request: ProxyRequest) {
        for middleware in self.middlewares.reversed() {
            middleware.handleResponse(&head, for: request)
        }
    }
}
