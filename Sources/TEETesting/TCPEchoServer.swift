import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP server on 127.0.0.1 that echoes every byte back and keeps what it received, for TCP
/// router tests. Plain sockets on threads of its own.
public final class TCPEchoServer: Sendable {
    private let listener: ThreadedListener
    private let log = ByteLog()

    public var port: Int { self.listener.port }

    /// - Parameter banner: sent to each client as soon as it connects, as server-first protocols (SMTP, MySQL) do.
    public init(banner: String? = nil) throws {
        let log = self.log
        self.listener = try ThreadedListener { client in
            if let banner {
                let bytes = Array(banner.utf8)
                _ = bytes.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            }
            Self.serve(client, log: log)
        }
    }

    /// `127.0.0.1:PORT`, for `tcp.services.*.loadBalancer.servers[].address`.
    public var address: String { "127.0.0.1:\(self.port)" }

    /// Everything received so far, from every connection, as text.
    public var received: String { String(decoding: self.log.contents, as: UTF8.self) }

    public func stop() {
        self.listener.stop()
    }

    private static func serve(_ client: CInt, log: ByteLog) {
        defer { close(client) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { return }
            log.append(buffer[0..<count])
            var sent = 0
            while sent < count {
                let written = buffer[sent..<count].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                guard written > 0 else { return }
                sent += written
            }
        }
    }
}
