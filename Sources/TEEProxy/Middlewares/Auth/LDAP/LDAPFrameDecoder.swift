import NIOCore

/// Frames whole LDAP messages (one BER element each) from the byte stream.
struct LDAPFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = [UInt8]
    /// A bigger message is refused (the middleware asks for no attributes, so answers are small).
    static let maximumBytes = 1 << 20

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let available = ArraySlice(buffer.readableBytesView.prefix(6))
        if available.count >= 2, available[available.startIndex + 1] & 0x80 != 0, available[available.startIndex + 1] & 0x7F > 4 {
            throw LDAPConnection.Failure.malformedAnswer
        }
        guard let size = Self.size(of: buffer) else { return .needMoreData }
        guard size <= Self.maximumBytes else { throw LDAPConnection.Failure.malformedAnswer }
        guard buffer.readableBytes >= size, let bytes = buffer.readBytes(length: size) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(bytes))
        return .continue
    }

    /// The size of the element at the start of `buffer`, once its length is known.
    static func size(of buffer: ByteBuffer) -> Int? {
        let head = Array(buffer.readableBytesView.prefix(6))
        guard head.count >= 2 else { return nil }
        guard head[1] & 0x80 != 0 else { return 2 + Int(head[1]) }
        let count = Int(head[1] & 0x7F)
        guard head.count >= 2 + count else { return nil }
        return 2 + count + head[2..<(2 + count)].reduce(0) { $0 << 8 | Int($1) }
    }
}
