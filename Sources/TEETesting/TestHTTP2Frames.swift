/// HTTP/2 frames as bytes (RFC 9113), for tests that speak raw h2c to a proxy: floods and
/// malformed sequences no well-behaved client library would send.
public enum TestHTTP2Frames {
    /// The client connection preface, then an empty SETTINGS frame.
    public static let preface: [UInt8] = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8) + settings()

    public static func frame(type: UInt8, flags: UInt8 = 0, stream: UInt32 = 0, payload: [UInt8] = []) -> [UInt8] {
        let length = payload.count
        return [UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff), type, flags,
                UInt8(stream >> 24 & 0x7f), UInt8(stream >> 16 & 0xff), UInt8(stream >> 8 & 0xff), UInt8(stream & 0xff)] + payload
    }

    /// A SETTINGS frame (type 4) with no parameters.
    public static func settings() -> [UInt8] {
        frame(type: 4)
    }

    /// A PING frame (type 6).
    public static func ping() -> [UInt8] {
        frame(type: 6, payload: [UInt8](repeating: 0, count: 8))
    }

    /// RST_STREAM (type 3) with CANCEL.
    public static func reset(stream: UInt32) -> [UInt8] {
        frame(type: 3, stream: stream, payload: [0, 0, 0, 8])
    }

    /// A HEADERS frame (type 1) for `GET path` on `authority`; END_HEADERS unless `endHeaders` is false
    /// (CONTINUATION frames must follow), END_STREAM when `endStream`.
    public static func get(stream: UInt32, path: String, authority: String = "localhost", endStream: Bool = true,
                           endHeaders: Bool = true) -> [UInt8] {
        // HPACK: :method GET (static index 2), :scheme http (6), then :path and :authority as
        // literals without indexing whose names are static entries 4 and 1.
        let block: [UInt8] = [0x82, 0x86] + literal(nameIndex: 4, value: path) + literal(nameIndex: 1, value: authority)
        let flags: UInt8 = (endStream ? 0x1 : 0) | (endHeaders ? 0x4 : 0)
        return frame(type: 1, flags: flags, stream: stream, payload: block)
    }

    /// A DATA frame (type 0) of `count` bytes for `stream`, END_STREAM when `endStream`.
    public static func data(stream: UInt32, count: Int, endStream: Bool = false) -> [UInt8] {
        frame(type: 0, flags: endStream ? 0x1 : 0, stream: stream, payload: [UInt8](repeating: UInt8(ascii: "d"), count: count))
    }

    /// A WINDOW_UPDATE frame (type 8) giving `stream` (0: the connection) `increment` more bytes.
    public static func windowUpdate(stream: UInt32, increment: UInt32) -> [UInt8] {
        frame(type: 8, stream: stream, payload: withUnsafeBytes(of: increment.bigEndian) { Array($0) })
    }

    /// A CONTINUATION frame (type 9) carrying one more header field, without END_HEADERS.
    public static func continuation(stream: UInt32, name: String, value: String) -> [UInt8] {
        frame(type: 9, stream: stream, payload: literal(name: name, value: value))
    }

    private static func literal(nameIndex: UInt8, value: String) -> [UInt8] {
        [nameIndex] + string(value)
    }

    private static func literal(name: String, value: String) -> [UInt8] {
        [0] + string(name) + string(value)
    }

    /// An HPACK string without Huffman coding (lengths under 127 only).
    private static func string(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        precondition(bytes.count < 127, "TestHTTP2Frames only writes short strings")
        return [UInt8(bytes.count)] + bytes
    }

    /// The types of the frames in `bytes`, in order (a partial last frame is left out).
    public static func frameTypes(in bytes: [UInt8]) -> [UInt8] {
        var types: [UInt8] = []
        var index = 0
        while let header = Header(bytes, at: index) {
            types.append(header.type)
            index += 9 + header.length
        }
        return types
    }

    /// One frame's header, and the first bytes of its payload.
    public struct Header: Sendable {
        public let type: UInt8
        public let flags: UInt8
        public let stream: UInt32
        public let length: Int
        /// The payload's first bytes (at most 8, as far as they have arrived): an RST_STREAM's error
        /// code, a GOAWAY's last stream.
        public let payloadStart: [UInt8]
        /// A HEADERS or DATA frame with END_STREAM.
        public var endsStream: Bool { self.type <= 1 && self.flags & 0x1 != 0 }

        /// The header of the frame at `index` in `bytes`; nil when its nine bytes have not all arrived.
        public init?(_ bytes: [UInt8], at index: Int) {
            guard index + 9 <= bytes.count else { return nil }
            self.length = Int(bytes[index]) << 16 | Int(bytes[index + 1]) << 8 | Int(bytes[index + 2])
            self.type = bytes[index + 3]
            self.flags = bytes[index + 4]
            self.stream = (UInt32(bytes[index + 5]) << 24 | UInt32(bytes[index + 6]) << 16 | UInt32(bytes[index + 7]) << 8
                | UInt32(bytes[index + 8])) & 0x7fff_ffff
            self.payloadStart = Array(bytes[(index + 9)..<min(index + 9 + min(self.length, 8), bytes.count)])
        }
    }
}
