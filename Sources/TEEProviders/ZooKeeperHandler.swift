import NIOCore

/// ZooKeeper's client protocol on one connection: length-prefixed frames; the first answers the
/// session request, the others answer requests by their id (`xid`); id -1 is a watch firing and
/// -2 a ping's answer.
final class ZooKeeperHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// A reply: its error code (0 for none) and body.
    struct Reply {
        let error: Int32
        var body: ByteBuffer
    }

    private var buffer = ByteBuffer()
    private var session: EventLoopPromise<Void>?
    private var waiting: [Int32: EventLoopPromise<Reply>] = [:]
    private let onWatch: @Sendable () -> Void

    init(session: EventLoopPromise<Void>, onWatch: @escaping @Sendable () -> Void) {
        self.session = session
        self.onWatch = onWatch
    }

    /// Registers the promise of request `xid` (before the request is written).
    func expect(_ xid: Int32, _ promise: EventLoopPromise<Reply>) {
        self.waiting[xid] = promise
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var body = self.unwrapOutboundIn(data)
        var frame = context.channel.allocator.buffer(capacity: body.readableBytes + 4)
        frame.writeInteger(Int32(body.readableBytes))
        frame.writeBuffer(&body)
        context.write(self.wrapOutboundOut(frame), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = self.unwrapInboundIn(data)
        self.buffer.writeBuffer(&incoming)
        while let length = self.buffer.getInteger(at: self.buffer.readerIndex, as: Int32.self),
              self.buffer.readableBytes >= 4 + Int(length) {
            self.buffer.moveReaderIndex(forwardBy: 4)
            var frame = self.buffer.readSlice(length: Int(length))!
            if let session = self.session {
                self.session = nil
                session.succeed(())
                continue
            }
            guard let xid = frame.readInteger(as: Int32.self), let _ = frame.readInteger(as: Int64.self),
                  let error = frame.readInteger(as: Int32.self) else { continue }
            switch xid {
            case -1: self.onWatch()
            case -2: break
            default: self.waiting.removeValue(forKey: xid)?.succeed(Reply(error: error, body: frame))
            }
        }
        self.buffer.discardReadBytes()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.session?.fail(ProviderError("ZooKeeper closed the connection before the session began"))
        for promise in self.waiting.values { promise.fail(ProviderError("the ZooKeeper connection closed")) }
        self.waiting.removeAll()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
