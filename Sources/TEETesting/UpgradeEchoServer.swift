import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A stand-in for a WebSocket server on 127.0.0.1: it answers every request head with
/// `101 Switching Protocols` (echoing the `Upgrade` header, adding `X-Upgraded-By`) and then
/// echoes every byte back. Plain sockets on threads of its own, so it works like any peer.
public final class UpgradeEchoServer: Sendable {
    private let listener: ThreadedListener

    public var port: Int { self.listener.port }

    public init() throws {
        self.listener = try ThreadedListener { client in Self.serve(client) }
    }

    /// The URL to put in `loadBalancer.servers`.
    public var url: String { "http://127.0.0.1:\(self.port)" }

    /// Stops accepting connections.
    public func stop() {
        self.listener.stop()
    }

    private static func serve(_ client: CInt) {
        defer { close(client) }
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.suffix(4).elementsEqual(Array("\r\n\r\n".utf8)) {
            let count = recv(client, &buffer, 1, 0)
            guard count > 0 else { return }
            request.append(buffer[0])
        }
        let upgrade = String(decoding: request, as: UTF8.self).split(separator: "\r\n")
            .first { $0.lowercased().hasPrefix("upgrade:") }.map { $0.dropFirst(8).trimmingCharacters(in: .whitespaces) } ?? "echo"
        let response = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: \(upgrade)\r\nX-Upgraded-By: test-backend\r\n\r\n"
        guard Self.sendAll(client, Array(response.utf8)) else { return }
        while true {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0, Self.sendAll(client, Array(buffer[..<count])) else { return }
        }
    }

    private static func sendAll(_ fd: CInt, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}
