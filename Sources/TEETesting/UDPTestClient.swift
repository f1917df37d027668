import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A UDP socket that talks to 127.0.0.1:`port`, with a receive timeout; blocking calls run on
/// threads of their own.
public final class UDPTestClient: @unchecked Sendable {
    private let fd: CInt

    public init(port: Int, timeout: Duration = .seconds(5)) throws {
        self.fd = try LoopbackSocket.connected(SOCK_DGRAM, port: port, timeout: timeout)
    }

    deinit { close(self.fd) }

    /// Sends `text` as one datagram and returns the answer, or nil on timeout.
    public func exchange(_ text: String) async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let bytes = Array(text.utf8)
                guard send(self.fd, bytes, bytes.count, 0) == bytes.count else { return continuation.resume(returning: nil) }
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = recv(self.fd, &buffer, buffer.count, 0)
                continuation.resume(returning: count >= 0 ? String(decoding: buffer[..<count], as: UTF8.self) : nil)
            }
        }
    }
}
