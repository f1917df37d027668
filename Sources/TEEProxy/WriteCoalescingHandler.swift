public import NIOCore

/// Joins a flush's small writes into one buffer, just above a TLS handler (the proxy's client
/// connections, the mesh agents' connections between them).
///
/// NIO's TLS handler seals each write it is given as a TLS record of its own, and the HTTP codecs
/// write in small pieces: an HTTP/1.1 message's head and body, and for HTTP/2 every frame's
/// header and payload, for every stream answered in an event-loop pass. Joined, a pass's
/// responses leave as one record (or a few, at 16 KiB each) instead of dozens, each with its
/// own sealing, framing and buffer bookkeeping. Writes of 16 KiB and more (large bodies) are not
/// copied: they go on after what was gathered before them.
public final class WriteCoalescingHandler: ChannelOutboundHandler, RemovableChannelHandler {
    public typealias OutboundIn = IOData
    public typealias OutboundOut = IOData

    /// Writes this large are passed on as they are.
    public static let directWriteSize = 16 * 1024

    /// What was gathered since the last flush; reused, since the TLS handler has consumed it by the next pass.
    private var gathered: ByteBuffer?
    private var gathering = false
    private var promises: [EventLoopPromise<Void>] = []

    public init() {}

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .byteBuffer(let buffer) = self.unwrapOutboundIn(data), buffer.readableBytes < Self.directWriteSize else {
            self.writeGathered(context: context)
            return context.write(data, promise: promise)
        }
        if !self.gathering {
            self.gathering = true
            if self.gathered == nil { self.gathered = context.channel.allocator.buffer(capacity: Self.directWriteSize) }
            self.gathered!.clear()
        }
        self.gathered!.writeImmutableBuffer(buffer)
        if let promise { self.promises.append(promise) }
    }

    public func flush(context: ChannelHandlerContext) {
        self.writeGathered(context: context)
        context.flush()
    }

    public func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        self.writeGathered(context: context)
        context.close(mode: mode, promise: promise)
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        self.writeGathered(context: context)
    }

    private func writeGathered(context: ChannelHandlerContext) {
        guard self.gathering, let gathered = self.gathered else { return }
        self.gathering = false
        var promise: EventLoopPromise<Void>?
        switch self.promises.count {
        case 0: break
        case 1: promise = self.promises[0]
        default:
            let joined = context.eventLoop.makePromise(of: Void.self)
            for each in self.promises { joined.futureResult.cascade(to: each) }
            promise = joined
        }
        self.promises.removeAll(keepingCapacity: true)
        context.write(self.wrapOutboundOut(.byteBuffer(gathered)), promise: promise)
    }
}
