import NIOCore

/// Joins the byte buffers written before a flush into one, just above a TLS handler, so that an
/// HTTP message (head, body, end) leaves as one TLS record instead of one per part: fewer
/// encryptions here, fewer records to open on the other side.
final class WriteCoalescingHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var pending: ByteBuffer?
    private var promise: EventLoopPromise<Void>?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var buffer = self.unwrapOutboundIn(data)
        if self.pending == nil {
            self.pending = buffer
        } else {
            self.pending!.writeBuffer(&buffer)
        }
        if let promise {
            if let existing = self.promise { existing.futureResult.cascade(to: promise) } else { self.promise = promise }
        }
    }

    func flush(context: ChannelHandlerContext) {
        if let pending = self.pending {
            let promise = self.promise
            self.pending = nil
            self.promise = nil
            context.write(self.wrapOutboundOut(pending), promise: promise)
        }
        context.flush()
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        self.promise?.fail(ChannelError.ioOnClosedChannel)
        self.pending = nil
        self.promise = nil
        context.close(mode: mode, promise: promise)
    }
}
