import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A TCP server on 127.0.0.1 that echoes every byte back and keeps what it received, for TCP
/// router tests. Plain sockets on threads of its own.
public final class TCPEchoServer: Sendable {
    public let port: Int
    private let fd: CInt
    private let log = Mutex<[UInt8]>([])

    public init() throws {
        let listener = try LoopbackSocket.listening(backlog: 16)
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = LoopbackSocket.withSockaddr(&address) { pointer, _ in getsockname(listener, pointer, &length) }
        self.fd = listener
        self.port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                Thread.detachNewThread { self.serve(client) }
            }
        }
    }

    /// `127.0.0.1:PORT`, for `tcp.services.*.loadBalancer.servers[].address`.
    public var address: String { "127.0.0.1:\(self.port)" }

    /// Everything received so far, from every connection, as text.
    public var received: String { String(decoding: self.log.withLock { $0 }, as: UTF8.self) }

    public func stop() {
        shutdown(self.fd, Int32(SHUT_RDWR))
        close(self.fd)
    }

    private func serve(_ client: CInt) {
        defer { close(client) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { return }
            self.log.withLock { $0 += buffer[0..<count] }
            var sent = 0
            while sent < count {
                let written = buffer[sent..<count].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                guard written > 0 else { return }
                sent += written
            }
        }
    }
}
