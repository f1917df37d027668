#if canImport(Glibc)
import Glibc
#endif

/// Finds TCP ports on loopback that nothing listens on.
public enum FreePort {
    /// A port the kernel just handed out for 127.0.0.1 and that is free again.
    public static func next() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXFailure("socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 ? getsockname(fd, pointer, &length) : -1
            }
        }
        guard result == 0 else { throw POSIXFailure("bind") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
