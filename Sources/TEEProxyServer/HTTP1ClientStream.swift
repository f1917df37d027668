import NIOCore
import NIOHTTP1

/// An HTTP/1.1 connection as a ``ClientStream``: parts go to the response encoder before the handler.
final class HTTP1ClientStream: ClientStream {
    private let context: ChannelHandlerContext

    init(context: ChannelHandlerContext) {
        self.context = context
    }

    var eventLoop: any EventLoop { self.context.eventLoop }
    var allocator: ByteBufferAllocator { self.context.channel.allocator }
    var isWritable: Bool { self.context.channel.isWritable }

    func write(_ part: HTTPServerResponsePart) {
        self.context.write(NIOAny(part), promise: nil)
    }

    func flush() {
        self.context.flush()
    }

    func writeLast(_ part: HTTPServerResponsePart, thenClose: Bool) {
        guard thenClose else { return self.context.writeAndFlush(NIOAny(part), promise: nil) }
        let channel = self.context.channel
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenComplete { _ in channel.close(promise: nil) }
        self.context.writeAndFlush(NIOAny(part), promise: written)
    }

    func close() {
        self.context.close(promise: nil)
    }

    func setReading(_ reading: Bool) {
        self.context.channel.setOption(.autoRead, value: reading).whenFailure { _ in }
    }
}
