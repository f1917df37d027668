public import TEEModel
#if canImport(Glibc)
import Glibc
#endif

/// An entry point's address could not be bound.
public struct EntryPointBindError: Error, CustomStringConvertible {
    public var entryPoint: EntryPointConfiguration
    public var errnoCode: CInt

    /// True when the failure is a missing privilege (a port below 1024 without `CAP_NET_BIND_SERVICE`).
    public var isPermissionDenied: Bool { self.errnoCode == EACCES || self.errnoCode == EPERM }

    public var description: String {
        var text = "entry point '\(self.entryPoint.name)' cannot listen on \(self.entryPoint.address): "
            + String(cString: strerror(self.errnoCode))
        switch self.errnoCode {
        case EADDRINUSE:
            text += "; another process holds the port (see `ss -ltnp`), or change entryPoints.\(self.entryPoint.name).address"
        case EACCES, EPERM:
            text += "; ports below 1024 need CAP_NET_BIND_SERVICE, or use tee-proxy.socket to let systemd open them"
        default:
            break
        }
        return text
    }
}
