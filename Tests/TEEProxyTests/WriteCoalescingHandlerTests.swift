import NIOCore
import NIOEmbedded
import TEEProxy
import Testing

/// The handler before TLS that sends the small writes between two flushes as one buffer (one TLS record).
@Suite("writes joined before TLS")
struct WriteCoalescingHandlerTests {
    static func connectedChannel(_ handlers: [any ChannelHandler] = []) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handlers: handlers + [WriteCoalescingHandler()])
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    @Test("the writes before a flush leave as one buffer, in order, and their promises complete")
    func joined() throws {
        let channel = try Self.connectedChannel()
        let promises = (0..<3).map { _ in channel.eventLoop.makePromise(of: Void.self) }
        for (part, promise) in zip(["HTTP/1.1 200 OK\r\n\r\n", "hello", ""], promises) {
            channel.write(ByteBuffer(string: part), promise: promise)
        }
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil, "nothing leaves before the flush")
        channel.flush()
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "HTTP/1.1 200 OK\r\n\r\nhello"))
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
        for promise in promises { try promise.futureResult.wait() }
        // The next pass gathers afresh.
        channel.write(ByteBuffer(string: "again"), promise: nil)
        channel.flush()
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "again"))
        _ = try channel.finish()
    }

    @Test("a large write is not copied: it follows what was gathered before it, and later small writes gather again")
    func largeWrite() throws {
        let channel = try Self.connectedChannel()
        let big = ByteBuffer(repeating: 0x61, count: WriteCoalescingHandler.directWriteSize)
        channel.write(ByteBuffer(string: "head"), promise: nil)
        channel.write(big, promise: nil)
        channel.write(ByteBuffer(repeating: 0x62, count: 20), promise: nil)
        channel.write(ByteBuffer(repeating: 0x63, count: 5), promise: nil)
        channel.flush()
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: "head"))
        #expect(try channel.readOutbound(as: ByteBuffer.self) == big)
        #expect(try channel.readOutbound(as: ByteBuffer.self) == ByteBuffer(string: String(repeating: "b", count: 20) + "ccccc"))
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
        _ = try channel.finish()
    }

    /// Records the writes that pass it on their way to the socket.
    final class Writes: ChannelOutboundHandler {
        typealias OutboundIn = ByteBuffer
        var seen: [ByteBuffer] = []
        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            self.seen.append(self.unwrapOutboundIn(data))
            context.write(data, promise: promise)
        }
    }

    @Test("a close hands what is held to the channel first, which fails what it cannot send")
    func closeWithHeldWrites() throws {
        let writes = Writes()
        let channel = try Self.connectedChannel([writes])
        channel.write(ByteBuffer(string: "unsent"), promise: nil)
        #expect(writes.seen.isEmpty)
        try channel.close().wait()
        #expect(writes.seen == [ByteBuffer(string: "unsent")], "not kept in the handler, where no one would complete its promise")
    }
}
