import NIOCore

/// Builds what replaces one read: the original bytes with some ranges replaced, and possibly a
/// tail held back for the next read. Without edits the original buffer is passed on uncopied.
struct RewrittenReadBuilder {
    private let original: ByteBuffer
    private var edits: [(range: Range<Int>, bytes: [UInt8])] = []
    private var heldFrom: Int?

    init(original: ByteBuffer) {
        self.original = original
    }

    /// Replaces `range` (offsets into the read, in increasing order) by `bytes`; an empty
    /// replacement of an empty range is no edit.
    mutating func replace(_ range: Range<Int>, with bytes: [UInt8]) {
        guard !(range.isEmpty && bytes.isEmpty) else { return }
        self.edits.append((range, bytes))
    }

    /// Keeps the bytes from `offset` to the end out of this read's output.
    mutating func hold(from offset: Int) {
        self.heldFrom = offset
    }

    /// The bytes to forward, or `nil` when there are none.
    func finish() -> ByteBuffer? {
        let end = self.heldFrom ?? self.original.readableBytes
        if self.edits.isEmpty, end == self.original.readableBytes { return self.original }
        var output = ByteBuffer()
        output.reserveCapacity(end + self.edits.reduce(0) { $0 + $1.bytes.count })
        var copied = 0
        for edit in self.edits {
            output.writeImmutableBuffer(self.original.getSlice(at: self.original.readerIndex + copied, length: edit.range.lowerBound - copied)!)
            output.writeBytes(edit.bytes)
            copied = edit.range.upperBound
        }
        output.writeImmutableBuffer(self.original.getSlice(at: self.original.readerIndex + copied, length: end - copied)!)
        return output.readableBytes == 0 ? nil : output
    }
}
