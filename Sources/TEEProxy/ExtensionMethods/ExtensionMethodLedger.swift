import NIOCore

/// The methods one connection's rewriter replaced, in request order, waiting for their heads.
/// Shared by the rewriter and the restorer of one pipeline (one event loop).
final class ExtensionMethodLedger {
    private var pending = CircularBuffer<RequestFramingScanner.Rewrite>()
    private var headsSeen = 0
    /// The rewriter's scanner met a request line longer than it follows.
    var requestLineTooLong = false

    func record(_ rewrites: [RequestFramingScanner.Rewrite]) {
        self.pending.append(contentsOf: rewrites)
    }

    /// The original method of the next decoded head, if the rewriter replaced it.
    func methodForNextHead() -> String? {
        defer { self.headsSeen += 1 }
        guard self.pending.first?.request == self.headsSeen else { return nil }
        return self.pending.removeFirst().method
    }
}
