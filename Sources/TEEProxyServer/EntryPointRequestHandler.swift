import NIOCore
import NIOHTTP1

/// Answers requests on an entry point: `GET /ping` with `OK` where ping is enabled, 404 otherwise.
///
/// The routing core replaces the 404 with routers and services.
final class EntryPointRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let servesPing: Bool
    private var request: HTTPRequestHead?

    init(servesPing: Bool) {
        self.servesPing = servesPing
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.request = head
        case .body:
            break
        case .end:
            guard let head = self.request else { return }
            self.request = nil
            let (status, body) = self.response(to: head)
            self.respond(context: context, to: head, status: status, body: body)
        }
    }

    private func response(to head: HTTPRequestHead) -> (HTTPResponseStatus, String) {
        if self.servesPing, head.uri == "/ping", head.method == .GET || head.method == .HEAD {
            return (.ok, "OK")
        }
        return (.notFound, "404 page not found\n")
    }

    private func respond(context: ChannelHandlerContext, to request: HTTPRequestHead, status: HTTPResponseStatus, body: String) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: request.version, status: status, headers: headers)
        context.write(self.wrapOutboundOut(.head(head)), promise: nil)
        if request.method != .HEAD {
            context.write(self.wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
        }
        let keepAlive = request.isKeepAlive
        context.writeAndFlush(self.wrapOutboundOut(.end(nil))).whenComplete { [channel = context.channel] _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }
}
