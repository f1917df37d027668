import NIOCore
import NIOSSL

/// Looks at the first bytes of a new connection, as Traefik serves several protocols on one
/// entry point: a TLS handshake (0x16) gets TLS (then HTTP/1.1 or HTTP/2 by ALPN), the HTTP/2
/// preface (`PRI *`) gets cleartext HTTP/2 (h2c with prior knowledge), anything else HTTP/1.1.
final class TLSSniffer: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    /// What the connection turned out to speak.
    enum Kind {
        case http1
        case h2c
        case tls
    }

    private let tls: TLSServerContexts?
    private let configure: (any Channel, Kind) throws -> Void
    private var configured = false

    /// - Parameter configure: adds the handlers for the protocol; runs once it is known
    ///   (for `.tls`, after the TLS handler has been added).
    init(tls: TLSServerContexts?, configure: @escaping (any Channel, Kind) throws -> Void) {
        self.tls = tls
        self.configure = configure
    }

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        // Once configured, the bytes go on to the handlers after us (as we are removed).
        guard !self.configured else { return self.forward(context: context, buffer: &buffer) }
        guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return .needMoreData }
        let kind: Kind
        if first == 0x16, let tls = self.tls {
            // The server name picks the context (its router's tls.options), so wait for the whole ClientHello.
            guard case .read(let serverName) = ClientHelloServerName.parse(buffer) else { return .needMoreData }
            guard let sslContext = tls.context(forServerName: serverName) else {
                throw TLSStoreError(message: "the TLS options for \(serverName ?? "") could not be built")
            }
            try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
            kind = .tls
        } else if first == UInt8(ascii: "P") {
            guard let start = buffer.getString(at: buffer.readerIndex, length: min(4, buffer.readableBytes)), start.count == 4 else {
                return .needMoreData
            }
            kind = start == "PRI " ? .h2c : .http1
        } else {
            kind = .http1
        }
        self.configured = true
        try self.configure(context.channel, kind)
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
        // The read that brought these bytes has completed before our removal passes them on.
        context.fireChannelReadComplete()
        return .needMoreData
    }
}
