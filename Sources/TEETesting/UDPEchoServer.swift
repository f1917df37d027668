import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A UDP server on 127.0.0.1 that answers each datagram with `NAME:` and the datagram, for UDP
/// router tests. A plain socket on a thread of its own.
public final class UDPEchoServer: Sendable {
    public let name: String
    public let port: Int
    private let fd: CInt

    public init(name: String) throws {
        self.name = name
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXFailure("socket") }
        var address = LoopbackSocket.address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        guard LoopbackSocket.withSockaddr(&address, { bind(fd, $0, $1) }) == 0,
              LoopbackSocket.withSockaddr(&address, { pointer, _ in getsockname(fd, pointer, &length) }) == 0 else {
            close(fd)
            throw POSIXFailure("bind udp")
        }
        self.fd = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
        let prefix = Array("\(name):".utf8)
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            // This thread owns the socket: stop() only shuts it down, and the socket is closed here.
            defer { close(fd) }
            while true {
                var peer = sockaddr_storage()
                var peerLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let count = withUnsafeMutablePointer(to: &peer) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, &buffer, buffer.count, 0, $0, &peerLength) }
                }
                guard count > 0 else { return }  // shut down (a real datagram is never empty here)
                let reply = prefix + buffer[..<count]
                _ = withUnsafePointer(to: &peer) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, reply, reply.count, 0, $0, peerLength) }
                }
            }
        }
    }

    /// `127.0.0.1:PORT`, for `udp.services.*.loadBalancer.servers[].address`.
    public var address: String { "127.0.0.1:\(self.port)" }

    /// Stops answering; the server's thread closes the socket.
    public func stop() {
        shutdown(self.fd, Int32(SHUT_RDWR))
    }
}
