import NIOCore

/// Reads the TLS version and cipher suite the server chose from the ServerHello as it leaves
/// (the TLS library does not tell the cipher), for the `*_requests_tls_total` metrics. It sits
/// next to the socket, below the TLS handler, and only looks at the first record written.
final class ServerHelloObserver: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// `1.2`, `1.3`…, once the ServerHello has gone out.
    private(set) var version: String?
    /// The cipher suite's IANA name (`TLS_AES_128_GCM_SHA256`), once the ServerHello has gone out.
    private(set) var cipher: String?
    private var looked = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !self.looked {
            self.looked = true
            if let hello = Self.parse(self.unwrapOutboundIn(data)) {
                self.version = hello.version
                self.cipher = TLSCipherNames.name(of: hello.cipher)
            }
        }
        context.write(data, promise: promise)
    }

    /// The cipher suite and version of a ServerHello at the start of `buffer` (RFC 8446 §4.1.3):
    /// a handshake record, message type 2; TLS 1.3 names its version in `supported_versions`.
    static func parse(_ buffer: ByteBuffer) -> (version: String, cipher: UInt16)? {
        var bytes = buffer
        guard bytes.readInteger(as: UInt8.self) == 0x16, bytes.readSlice(length: 4) != nil,
              bytes.readInteger(as: UInt8.self) == 2, bytes.readSlice(length: 3) != nil,
              var version = bytes.readInteger(as: UInt16.self), bytes.readSlice(length: 32) != nil,
              let sessionLength = bytes.readInteger(as: UInt8.self), bytes.readSlice(length: Int(sessionLength)) != nil,
              let cipher = bytes.readInteger(as: UInt16.self), bytes.readInteger(as: UInt8.self) != nil else { return nil }
        if let extensionsLength = bytes.readInteger(as: UInt16.self), var extensions = bytes.readSlice(length: Int(extensionsLength)) {
            while let type = extensions.readInteger(as: UInt16.self), let length = extensions.readInteger(as: UInt16.self),
                  var body = extensions.readSlice(length: Int(length)) {
                if type == 0x002B, let selected = body.readInteger(as: UInt16.self) { version = selected }
            }
        }
        guard version >= 0x0301, version <= 0x0304 else { return nil }
        return ("1.\(version - 0x0301)", cipher)
    }
}
