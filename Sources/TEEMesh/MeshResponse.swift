import NIOCore
import NIOHTTP1
import TEEProxy

/// A whole HTTP response as the agent returns it to a client.
struct MeshResponse {
    var head: HTTPResponseHead
    var body: ByteBuffer?

    init(head: HTTPResponseHead, body: ByteBuffer?) {
        self.head = head
        self.body = body
    }

    /// An upstream's response, without its hop-by-hop headers.
    init(_ full: NIOHTTPClientResponseFull) {
        var head = full.head
        HopByHopHeaders.remove(from: &head.headers)
        head.headers.removeIfPresent(name: "transfer-encoding")  // the body is whole: content-length frames it
        self.init(head: head, body: full.body)
    }

    /// An answer of the agent's own, with a one-line text body that says why; `x-tee-mesh` names the reason.
    static func agentAnswer(_ status: HTTPResponseStatus, reason: String, message: String) -> MeshResponse {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "text/plain; charset=utf-8")
        headers.add(name: "x-tee-mesh", value: reason)
        return MeshResponse(head: HTTPResponseHead(version: .http1_1, status: status, headers: headers),
                            body: ByteBuffer(string: "tee-mesh: \(message)\n"))
    }

    /// Writes the response to a client connection, closing it afterwards unless it is kept alive.
    /// The body is whole, so `content-length` frames it (a HEAD answer keeps the upstream's; 1xx,
    /// 204 and 304 answers carry none).
    func write(to context: ChannelHandlerContext, keepAlive: Bool, requestMethod: HTTPMethod) {
        // The head is only copied when something in it changes (an upstream's usually says the right length).
        var head = self.head
        if head.version != .http1_1 { head.version = .http1_1 }
        let code = head.status.code
        if code < 200 || code == 204 || code == 304 {
            head.headers.removeIfPresent(name: "content-length")
        } else if requestMethod != .HEAD {
            head.headers.setContentLength(self.body?.readableBytes ?? 0)
        }
        if !keepAlive { head.headers.replaceOrAdd(name: "connection", value: "close") }
        context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
        if let body = self.body, body.readableBytes > 0 {
            context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(body))), promise: nil)
        }
        guard !keepAlive else {
            context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: nil)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: written)
        written.futureResult.whenComplete { [channel = context.channel] (_: Result<Void, any Error>) in channel.close(promise: nil) }
    }
}
