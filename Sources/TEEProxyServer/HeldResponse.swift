import NIOCore
import NIOHTTP1

/// `buffering`: a response held back until it ends (then sent with its length) or grows past
/// what may be held (then sent on and streamed).
struct HeldResponse {
    var head: HTTPResponseHead
    var parts: [ByteBuffer] = []
    var size = 0

    init(head: HTTPResponseHead) {
        self.head = head
    }

    mutating func append(_ part: ByteBuffer) {
        self.parts.append(part)
        self.size += part.readableBytes
    }
}
