import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Finds TCP ports on loopback that nothing listens on.
public enum FreePort {
    /// Ports already handed out in this test process: the kernel may offer a port again as soon
    /// as its probe socket closes, and two entry points on one port would fail to start.
    private static let handedOut = Mutex<Set<Int>>([])

    /// A port the kernel just handed out for 127.0.0.1, free again, and not returned before.
    public static func next() throws -> Int {
        while true {
            let port = try Self.probe()
            let fresh = Self.handedOut.withLock { $0.insert(port).inserted }
            if fresh { return port }
        }
    }

    private static func probe() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXFailure("socket") }
        defer { close(fd) }
        var address = LoopbackSocket.address(port: 0)
        let result = LoopbackSocket.withSockaddr(&address) { pointer, length in
            var length = length
            return bind(fd, pointer, length) == 0 ? getsockname(fd, pointer, &length) : -1
        }
        guard result == 0 else { throw POSIXFailure("bind") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
