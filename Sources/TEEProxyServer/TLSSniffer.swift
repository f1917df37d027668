import NIOCore
import NIOSSL

/// Looks at the first byte of a new connection: a TLS handshake (0x16) gets a TLS handler in
/// front of HTTP, anything else is plain HTTP, as Traefik serves both on one entry point.
/// Without certificates every connection is plain.
final class TLSSniffer: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    private let tls: NIOSSLContext?
    private let configure: (any Channel, _ isTLS: Bool) throws -> Void

    /// - Parameter configure: adds the HTTP handlers; runs once the kind of connection is known.
    init(tls: NIOSSLContext?, configure: @escaping (any Channel, _ isTLS: Bool) throws -> Void) {
        self.tls = tls
        self.configure = configure
    }

    private var configured = false

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        // Once configured, the bytes go on to the handlers after us (as we are removed).
        guard !self.configured else { return self.forward(context: context, buffer: &buffer) }
        guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return .needMoreData }
        self.configured = true
        let isTLS = first == 0x16 && self.tls != nil
        if isTLS, let tls = self.tls {
            try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
        }
        try self.configure(context.channel, isTLS)
        // Removal hands what we buffered to `decodeLast`, which passes it on.
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        return .needMoreData
    }

    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        self.forward(context: context, buffer: &buffer)
    }

    private func forward(context: ChannelHandlerContext, buffer: inout ByteBuffer) -> DecodingState {
        guard buffer.readableBytes > 0 else { return .needMoreData }
        context.fireChannelRead(NIOAny(buffer.readSlice(length: buffer.readableBytes)!))
        return .needMoreData
    }
}
