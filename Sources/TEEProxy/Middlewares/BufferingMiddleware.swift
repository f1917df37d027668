import NIOHTTP1
public import TEEModel

/// `buffering`: the proxy holds the request body in memory before connecting to the server, and
/// the response before answering, each up to its `mem*BodyBytes` (past that the rest streams:
/// tee never spills to disk). A request body over `maxRequestBodyBytes` gets 413 (at once when
/// its `Content-Length` says so); a response over `maxResponseBodyBytes` becomes a 500 while it
/// is held, and is cut off once streaming.
public struct BufferingMiddleware: RequestMiddleware {
    public let configuration: BufferingConfiguration

    public init(_ configuration: BufferingConfiguration) {
        self.configuration = configuration
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let limit = self.configuration.maxRequestBodyBytes
        if limit > 0, let length = request.head.headers.first(name: "content-length").flatMap(Int.init), length > limit {
            return .respond(SyntheticResponse(status: .payloadTooLarge, body: "Request Entity Too Large"))
        }
        request.buffering = request.buffering.map { $0.merged(with: self.configuration) } ?? self.configuration
        return .proceed
    }
}
