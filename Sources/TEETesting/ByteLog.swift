import Synchronization

/// Bytes a test server received, shared by its threads.
final class ByteLog: Sendable {
    private let bytes = Mutex<[UInt8]>([])

    func append(_ more: ArraySlice<UInt8>) {
        self.bytes.withLock { $0 += more }
    }

    var contents: [UInt8] { self.bytes.withLock { $0 } }
}
