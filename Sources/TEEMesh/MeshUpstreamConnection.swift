import NIOCore
import NIOHTTP1

/// One keep-alive HTTP/1.1 connection from the agent: to a peer agent (over mTLS) or to a
/// local instance. It carries one request at a time; only its event loop touches it.
final class MeshUpstreamConnection: @unchecked Sendable {
    let channel: any Channel
    let key: MeshConnectionKey
    /// When it was last returned to the pool.
    var idleSince = NIODeadline.now()
    private let collector: MeshResponseCollector

    init(channel: any Channel, key: MeshConnectionKey, collector: MeshResponseCollector) {
        self.channel = channel
        self.key = key
        self.collector = collector
    }

    /// Sends `request` and completes with the whole response.
    func send(_ request: MeshRequest) -> EventLoopFuture<NIOHTTPClientResponseFull> {
        let promise = self.channel.eventLoop.makePromise(of: NIOHTTPClientResponseFull.self)
        self.collector.pending = promise
        self.channel.write(HTTPClientRequestPart.head(request.head), promise: nil)
        if let body = request.body, body.readableBytes > 0 {
            self.channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil)
        }
        self.channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        return promise.futureResult
    }
}

/// Completes the pending request's promise with the aggregated response, or fails it when the
/// connection closes first.
final class MeshResponseCollector: ChannelInboundHandler {
    typealias InboundIn = NIOHTTPClientResponseFull

    var pending: EventLoopPromise<NIOHTTPClientResponseFull>?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let response = self.unwrapInboundIn(data)
        guard let pending = self.pending else {
            context.close(promise: nil)  // an answer nobody asked for: the connection cannot be trusted
            return
        }
        self.pending = nil
        pending.succeed(response)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.pending?.fail(MeshError("the connection closed before a response"))
        self.pending = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.pending?.fail(error)
        self.pending = nil
        context.close(promise: nil)
    }
}
