import NIOCore

/// Matches Redis replies to the commands sent, in order; with no command waiting, a value is a
/// push (a subscription's message).
final class RedisReplyHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = Request
    typealias OutboundOut = ByteBuffer

    struct Request {
        let words: [String]
        /// Nil for a command whose replies come as pushes.
        let reply: EventLoopPromise<RESPValue>?
    }

    private var waiting: [EventLoopPromise<RESPValue>] = []
    private var buffer = ByteBuffer()
    private let onPush: (@Sendable (RESPValue) -> Void)?

    init(onPush: (@Sendable (RESPValue) -> Void)?) {
        self.onPush = onPush
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = self.unwrapOutboundIn(data)
        var buffer = context.channel.allocator.buffer(capacity: 64)
        RESPValue.command(request.words, into: &buffer)
        if let reply = request.reply { self.waiting.append(reply) }
        context.write(self.wrapOutboundOut(buffer), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = self.unwrapInboundIn(data)
        self.buffer.writeBuffer(&incoming)
        do {
            while let value = try RESPValue.read(from: &self.buffer) {
                if self.waiting.isEmpty {
                    self.onPush?(value)
                } else {
                    self.waiting.removeFirst().succeed(value)
                }
            }
            self.buffer.discardReadBytes()
        } catch {
            context.fireErrorCaught(error)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        for promise in self.waiting { promise.fail(ProviderError("the Redis connection closed")) }
        self.waiting.removeAll()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
