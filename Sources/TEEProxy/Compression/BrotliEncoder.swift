import CCompression
public import NIOCore

/// A brotli stream (libbrotlienc), flushed at every part so that streamed responses stay streamed.
public final class BrotliEncoder: ResponseBodyTransformer {
    private let state: OpaquePointer

    /// A new stream at `quality` (0–11; 5 is a good trade of speed for size on the fly).
    public init?(quality: UInt32 = 5) {
        guard let state = BrotliEncoderCreateInstance(nil, nil, nil) else { return nil }
        self.state = state
        BrotliEncoderSetParameter(state, BROTLI_PARAM_QUALITY, quality)
    }

    deinit {
        BrotliEncoderDestroyInstance(self.state)
    }

    public func transform(_ part: ByteBuffer, allocator: ByteBufferAllocator) -> ByteBuffer {
        self.encode(part, operation: BROTLI_OPERATION_FLUSH, allocator: allocator)
    }

    public func finish(allocator: ByteBufferAllocator) -> ByteBuffer {
        self.encode(ByteBuffer(), operation: BROTLI_OPERATION_FINISH, allocator: allocator)
    }

    private func encode(_ input: ByteBuffer, operation: BrotliEncoderOperation, allocator: ByteBufferAllocator) -> ByteBuffer {
        var input = input
        var output = allocator.buffer(capacity: max(64, input.readableBytes / 2))
        input.withUnsafeReadableBytes { source in
            var availableIn = source.count
            var nextIn = source.baseAddress?.assumingMemoryBound(to: UInt8.self)
            repeat {
                output.writeWithUnsafeMutableBytes(minimumWritableBytes: 16_384) { target in
                    var availableOut = target.count
                    var nextOut = target.baseAddress?.assumingMemoryBound(to: UInt8.self)
                    _ = BrotliEncoderCompressStream(self.state, operation, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                    return target.count - availableOut
                }
            } while availableIn > 0 || BrotliEncoderHasMoreOutput(self.state) != 0
                || (operation == BROTLI_OPERATION_FINISH && BrotliEncoderIsFinished(self.state) == 0)
        }
        return output
    }
}
