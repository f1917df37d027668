import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Finds TCP ports on loopback that nothing listens on.
///
/// Ports come from below the kernel's ephemeral range (`ip_local_port_range`, 32768 and up by
/// default), so that between the moment a test takes one and the moment its daemon binds it, the
/// kernel never hands the same port to a connecting socket or a `bind(0)` elsewhere in the tests.
public enum FreePort {
    /// Ports already handed out in this test process.
    private static let handedOut = Mutex<Set<Int>>([])

    /// Where ports are picked from.
    static let range = 20_000..<32_000

    /// A port no socket on 127.0.0.1 is bound to, not returned before.
    public static func next() throws -> Int {
        for _ in 0..<1_000 {
            let port = Int.random(in: Self.range)
            guard Self.handedOut.withLock({ $0.insert(port).inserted }) else { continue }
            if Self.isFree(port) { return port }
        }
        throw POSIXFailure("no free port in \(Self.range)")
    }

    private static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = LoopbackSocket.address(port: port)
        return LoopbackSocket.withSockaddr(&address) { bind(fd, $0, $1) } == 0
    }
}
