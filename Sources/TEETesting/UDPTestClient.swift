import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A UDP socket that talks to 127.0.0.1:`port`, with a receive timeout; blocking calls run on
/// threads of their own.
public final class UDPTestClient: @unchecked Sendable {
    private let fd: CInt

    public init(port: Int, timeout: Duration = .seconds(5)) throws {
        self.fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard self.fd >= 0 else { throw POSIXFailure("socket") }
        var interval = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(self.fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var address = LoopbackSocket.address(port: port)
        guard LoopbackSocket.withSockaddr(&address, { connect(self.fd, $0, $1) }) == 0 else {
            close(self.fd)
            throw POSIXFailure("connect udp")
        }
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
