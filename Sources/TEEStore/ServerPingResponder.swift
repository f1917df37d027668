import NIOCore

/// Answers etcd's HTTP/2 PING frames below the HTTP/2 handler, which never sees them.
///
/// etcd's gRPC server sends a PING to estimate bandwidth after data arrives, so every call can
/// bring one. NIO's HTTP/2 handler counts received PING and SETTINGS frames against a
/// denial-of-service limit and closes the connection past it, failing every watch and lease on
/// it; a controller making a few hundred calls in seconds would lose its connection (and with it
/// its leadership). This handler sits between TLS (or the socket) and the HTTP/2 handler, reads
/// frame headers (9 bytes: 24-bit length, type, flags, stream), answers each PING that is not
/// itself an answer with the PING ACK the protocol requires (RFC 9113 §6.7), and passes every
/// other frame on untouched.
final class ServerPingResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Bytes of a frame that has not fully arrived.
    private var pending: ByteBuffer?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = self.unwrapInboundIn(data)
        if var pending = self.pending {
            pending.writeBuffer(&buffer)
            buffer = pending
            self.pending = nil
        }
        // Forward runs of frames as slices, leaving out the pings it answers.
        var runStart = buffer.readerIndex
        var index = buffer.readerIndex
        var answered = false
        while let header = buffer.getBytes(at: index, length: 9) {
            let length = Int(header[0]) << 16 | Int(header[1]) << 8 | Int(header[2])
            let frameEnd = index + 9 + length
            guard frameEnd <= buffer.writerIndex else { break }
            let isPing = header[3] == 0x6 && header[4] & 0x1 == 0 && length == 8
            if isPing, let opaque = buffer.getSlice(at: index + 9, length: 8) {
                if index > runStart, let run = buffer.getSlice(at: runStart, length: index - runStart) {
                    context.fireChannelRead(self.wrapInboundOut(run))
                }
                var ack = context.channel.allocator.buffer(capacity: 17)
                ack.writeBytes([0, 0, 8, 0x6, 0x1, 0, 0, 0, 0])  // length 8, PING, ACK, stream 0
                ack.writeImmutableBuffer(opaque)
                context.write(self.wrapOutboundOut(ack), promise: nil)
                answered = true
                runStart = frameEnd
            }
            index = frameEnd
        }
        if index > runStart, let run = buffer.getSlice(at: runStart, length: index - runStart) {
            context.fireChannelRead(self.wrapInboundOut(run))
        }
        if index < buffer.writerIndex {
            self.pending = buffer.getSlice(at: index, length: buffer.writerIndex - index)
        }
        if answered { context.flush() }
    }
}
