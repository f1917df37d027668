import NIOCore

/// Joins the writes between two flushes into one buffer before TLS, so that a message written
/// as head, body and end goes out as one TLS record (one `SSL_write`) instead of one per part.
/// A write that would make the buffer larger than `maximumBytes` sends what is held first.
final class MeshWriteCoalescer: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The most bytes held before a flush: a TLS record's plaintext limit.
    static let maximumBytes = 16_384

    private var held: ByteBuffer?
    private var heldPromise: EventLoopPromise<Void>?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var buffer = self.unwrapOutboundIn(data)
        if var held = self.held, held.readableBytes + buffer.readableBytes <= Self.maximumBytes {
            self.held = nil  // so that the append below does not copy
            held.writeBuffer(&buffer)
            self.held = held
            if let promise {
                if let heldPromise = self.heldPromise { heldPromise.futureResult.cascade(to: promise) } else { self.heldPromise = promise }
            }
            return
        }
        self.writeHeld(context: context)
        self.held = buffer
        self.heldPromise = promise
    }

    func flush(context: ChannelHandlerContext) {
        self.writeHeld(context: context)
        context.flush()
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode != .input { self.writeHeld(context: context) }
        context.close(mode: mode, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.writeHeld(context: context)
    }

    private func writeHeld(context: ChannelHandlerContext) {
        guard let held = self.held else { return }
        let promise = self.heldPromise
        self.held = nil
        self.heldPromise = nil
        context.write(self.wrapOutboundOut(held), promise: promise)
    }
}
