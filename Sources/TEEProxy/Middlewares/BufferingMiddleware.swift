import NIOCore
public import NIOHTTP1
public import TEEModel

/// `buffering`, as limits: a request whose body is larger than `maxRequestBodyBytes` gets 413
/// (at once when its `Content-Length` says so, else as soon as the body passes the limit, if no
/// response has started); a response whose `Content-Length` is larger than `maxResponseBodyBytes`
/// is replaced by a 500. Bodies still stream rather than being held in memory or on disk.
public struct BufferingMiddleware: RequestMiddleware {
    public let configuration: BufferingConfiguration

    public init(_ configuration: BufferingConfiguration) {
        self.configuration = configuration
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let limit = self.configuration.maxRequestBodyBytes
        if limit > 0 {
            if let length = request.head.headers.first(name: "content-length").flatMap(Int.init), length > limit {
                return .respond(SyntheticResponse(status: .payloadTooLarge, body: "Request Entity Too Large"))
            }
            request.maxRequestBodyBytes = min(request.maxRequestBodyBytes ?? .max, limit)
        }
        let responseLimit = self.configuration.maxResponseBodyBytes
        if responseLimit > 0 {
            request.responseTransforms.append(ResponseTransform { head, _ in
                guard let length = head.headers.first(name: "content-length").flatMap(Int.init), length > responseLimit else { return nil }
                head.status = .internalServerError
                head.headers = ["Content-Type": "text/plain; charset=utf-8", "Content-Length": "21"]
                return ReplacedBody("Internal Server Error")
            })
        }
        return .proceed
    }
}
