import NIOCore
import NIOHTTP1

/// Answers a connection's HTTP requests in the order they came, one at a time: HTTP/1.1 lets a
/// client send requests before the answers to earlier ones (pipelining), and the handler after
/// this one serves each request asynchronously. A request that arrives while another is served
/// waits here until the answer's `end` has been written.
///
/// Unlike NIO's `HTTPServerPipelineHandler`, reading goes on while a request is served: that
/// handler turns the socket's read interest off when a request arrives and on again when its
/// answer is written, two `epoll_ctl` calls per request, one of them between the answer's last
/// write and its flush. Only a client with `maximumWaiting` requests queued is read no further
/// until they drain.
final class MeshRequestSequencer: ChannelDuplexHandler {
    typealias InboundIn = NIOHTTPServerRequestFull
    typealias InboundOut = NIOHTTPServerRequestFull
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The most pipelined requests a connection may queue before the agent stops reading it.
    static let maximumWaiting = 16

    private var serving = false
    private var waiting = CircularBuffer<NIOHTTPServerRequestFull>()
    private var readHeld = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard self.serving else {
            self.serving = true
            context.fireChannelRead(data)
            return
        }
        self.waiting.append(self.unwrapInboundIn(data))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let isEnd: Bool
        if case .end = self.unwrapOutboundIn(data) { isEnd = true } else { isEnd = false }
        context.write(data, promise: promise)
        if isEnd { self.answered(context: context) }
    }

    func read(context: ChannelHandlerContext) {
        guard self.waiting.count < Self.maximumWaiting else {
            self.readHeld = true
            return
        }
        context.read()
    }

    /// The answer to the request being served is written: the next one, if any, is served in a
    /// task of its own (not inside the write call of the handler that answered).
    private func answered(context: ChannelHandlerContext) {
        guard let next = self.waiting.popFirst() else {
            self.serving = false
            return
        }
        if self.readHeld, self.waiting.count < Self.maximumWaiting {
            self.readHeld = false
            context.read()
        }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.execute {
            let (sequencer, context) = loopBound.value
            guard context.channel.isActive else { return }
            context.fireChannelRead(sequencer.wrapInboundOut(next))
        }
    }
}
