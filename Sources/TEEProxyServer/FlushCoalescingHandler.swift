import NIOCore

/// Joins the flushes of one event-loop pass into one, below an HTTP/2 connection's handler.
///
/// Each stream of an HTTP/2 connection flushes when its response is complete, and those
/// responses arrive from other channels (the upstream connections), outside the connection's
/// own read loop, so without this every stream's response is its own TLS record and `write(2)`.
/// The first flush of a pass is put off until the loop has handled all ready channels (NIO
/// runs tasks after the I/O of the pass), so the responses that arrived in that pass leave in
/// one write. A close flushes first, so nothing written is lost.
final class FlushCoalescingHandler: ChannelOutboundHandler {
    typealias OutboundIn = NIOAny
    typealias OutboundOut = NIOAny

    private var flushPending = false

    func flush(context: ChannelHandlerContext) {
        guard !self.flushPending else { return }
        self.flushPending = true
        context.eventLoop.assumeIsolated().execute {
            self.flushNow(context: context)
        }
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        self.flushNow(context: context)
        context.close(mode: mode, promise: promise)
    }

    private func flushNow(context: ChannelHandlerContext) {
        guard self.flushPending else { return }
        self.flushPending = false
        context.flush()
    }
}
