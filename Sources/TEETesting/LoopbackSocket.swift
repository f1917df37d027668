#if canImport(Glibc)
public import Glibc
#endif

/// Raw IPv4 sockets on 127.0.0.1, for tests that need a descriptor rather than a NIO channel.
public enum LoopbackSocket {
    /// The address 127.0.0.1:`port`.
    public static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }

    /// Runs `body` with `address` as the `sockaddr` pointer and length the socket calls take.
    public static func withSockaddr<T>(_ address: inout sockaddr_in, _ body: (UnsafeMutablePointer<sockaddr>, socklen_t) -> T) -> T {
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }

    /// A socket of `type` (`SOCK_STREAM`, `SOCK_DGRAM`) connected to 127.0.0.1:`port`, with a
    /// receive timeout; the caller closes it. On failure nothing is left open, so a caller that
    /// assigns the result to a stored property never ends up owning a closed descriptor.
    public static func connected(_ type: __socket_type, port: Int, timeout: Duration) throws -> CInt {
        let fd = socket(AF_INET, Int32(type.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXFailure("socket") }
        var interval = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var address = Self.address(port: port)
        guard Self.withSockaddr(&address, { connect(fd, $0, $1) }) == 0 else {
            let failure = POSIXFailure("connect 127.0.0.1:\(port)")
            close(fd)
            throw failure
        }
        return fd
    }

    /// A TCP socket bound to 127.0.0.1:`port` (0 picks one) and listening with `backlog`,
    /// like the sockets systemd passes; the caller closes it.
    public static func listening(port: Int = 0, backlog: CInt) throws -> CInt {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXFailure("socket") }
        var address = Self.address(port: port)
        guard Self.withSockaddr(&address, { bind(fd, $0, $1) }) == 0, listen(fd, backlog) == 0 else {
            let failure = POSIXFailure("listen on 127.0.0.1:\(port)")
            close(fd)
            throw failure
        }
        return fd
    }
}
