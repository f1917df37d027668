public import NIOCore
public import NIOHTTP1
public import TEEModel

/// A request the proxy makes on its own account (forwardAuth asks an authentication server).
public struct Subrequest: Sendable {
    public var url: UpstreamURL
    public var head: HTTPRequestHead
    public var transport: UpstreamTransport
    /// The request body, if any (its `Content-Length` is in `head`).
    public var body: ByteBuffer?
    /// How long the answer may take; nil for the client's default.
    public var timeout: Duration?

    public init(url: UpstreamURL, head: HTTPRequestHead, transport: UpstreamTransport, body: ByteBuffer? = nil, timeout: Duration? = nil) {
        self.url = url
        self.head = head
        self.transport = transport
        self.body = body
        self.timeout = timeout
    }
}

/// The answer to a ``Subrequest``: its head and (bounded) body.
public struct SubrequestResponse: Sendable {
    public var head: HTTPResponseHead
    public var body: ByteBuffer

    public init(head: HTTPResponseHead, body: ByteBuffer) {
        self.head = head
        self.body = body
    }
}

/// Sends subrequests; the proxy server provides one backed by its connection pools.
public protocol SubrequestClient: Sendable {
    /// Sends `request`; the future completes on `eventLoop`.
    func send(_ request: Subrequest, on eventLoop: any EventLoop) -> EventLoopFuture<SubrequestResponse>
}

/// What a suspended middleware may use to finish its work.
public struct MiddlewareContext: Sendable {
    public let eventLoop: any EventLoop
    public let client: any SubrequestClient

    public init(eventLoop: any EventLoop, client: any SubrequestClient) {
        self.eventLoop = eventLoop
        self.client = client
    }
}

/// The rest of a middleware's work, which has to wait (for a subrequest); it ends with the
/// request as it then is and what to do with it.
public struct MiddlewareSuspension: Sendable {
    public let resume: @Sendable (ProxyRequest, MiddlewareContext) -> EventLoopFuture<(ProxyRequest, MiddlewareOutcome)>

    public init(_ resume: @escaping @Sendable (ProxyRequest, MiddlewareContext) -> EventLoopFuture<(ProxyRequest, MiddlewareOutcome)>) {
        self.resume = resume
    }
}
