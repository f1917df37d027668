import CCompression
public import NIOCore

/// A gzip stream (zlib), flushed at every part so that streamed responses stay streamed.
public final class GzipEncoder: ResponseBodyTransformer {
    // zlib keeps a pointer back to the stream, so it lives at a fixed address.
    private let stream: UnsafeMutablePointer<z_stream>

    /// A new stream; nil if zlib could not start one (out of memory).
    public init?(level: Int32 = 5) {
        self.stream = .allocate(capacity: 1)
        self.stream.initialize(to: z_stream())
        guard tee_deflate_init_gzip(self.stream, level) == Z_OK else {
            self.stream.deallocate()
            return nil
        }
    }

    deinit {
        deflateEnd(self.stream)
        self.stream.deallocate()
    }

    public func transform(_ part: ByteBuffer, allocator: ByteBufferAllocator) -> ByteBuffer {
        self.deflate(part, flush: Z_SYNC_FLUSH, allocator: allocator)
    }

    public func finish(allocator: ByteBufferAllocator) -> ByteBuffer {
        self.deflate(ByteBuffer(), flush: Z_FINISH, allocator: allocator)
    }

    private func deflate(_ input: ByteBuffer, flush: Int32, allocator: ByteBufferAllocator) -> ByteBuffer {
        var input = input
        var output = allocator.buffer(capacity: max(64, input.readableBytes / 2))
        input.withUnsafeMutableReadableBytes { source in
            self.stream.pointee.next_in = source.baseAddress?.assumingMemoryBound(to: Bytef.self)
            self.stream.pointee.avail_in = uInt(source.count)
            var result: Int32 = Z_OK
            repeat {
                output.writeWithUnsafeMutableBytes(minimumWritableBytes: 16_384) { target in
                    self.stream.pointee.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    self.stream.pointee.avail_out = uInt(target.count)
                    result = CCompression.deflate(self.stream, flush)
                    return target.count - Int(self.stream.pointee.avail_out)
                }
            } while self.stream.pointee.avail_out == 0 && result == Z_OK
            self.stream.pointee.next_in = nil
        }
        return output
    }
}
