import NIOCore

/// Drops a response body and sends `replacement` instead.
final class ReplacedBody: ResponseBodyTransformer {
    private let replacement: String

    init(_ replacement: String) {
        self.replacement = replacement
    }

    func transform(_ part: ByteBuffer, allocator: ByteBufferAllocator) -> ByteBuffer {
        ByteBuffer()
    }

    func finish(allocator: ByteBufferAllocator) -> ByteBuffer {
        allocator.buffer(string: self.replacement)
    }
}
