#if canImport(Glibc)
import Glibc
#endif

/// Why the sockets systemd passed could not be used.
public enum SocketActivationError: Error, Equatable, CustomStringConvertible {
    /// `sd_listen_fds_with_names(3)` failed.
    case listenFdsFailed(errno: CInt)
    /// A passed descriptor is not a listening stream socket.
    case notAListeningSocket(name: String, fileDescriptor: CInt)
    /// A passed socket's name matches no configured entry point.
    case unknownSocketName(name: String, known: [String])
    /// Two passed sockets carry the same name.
    case duplicateSocketName(name: String)
    /// `listen(2)` failed while restoring the backlog.
    case listenFailed(name: String, errno: CInt)

    public var description: String {
        switch self {
        case .listenFdsFailed(let errno):
            return "cannot read the sockets passed by systemd: \(String(cString: strerror(errno)))"
        case .notAListeningSocket(let name, let fd):
            return "socket '\(name)' (fd \(fd)) passed by systemd is not a listening stream socket; "
                + "check ListenStream= in the .socket unit"
        case .unknownSocketName(let name, let known):
            let list = known.isEmpty ? "none are configured" : "configured: \(known.sorted().joined(separator: ", "))"
            return "systemd passed a socket named '\(name)' but no entry point has that name (\(list)); "
                + "set FileDescriptorName= in the .socket unit to an entry point's name, or add entryPoints.\(name)"
        case .duplicateSocketName(let name):
            return "systemd passed two sockets named '\(name)'; give each ListenStream= its own .socket unit "
                + "with a distinct FileDescriptorName="
        case .listenFailed(let name, let errno):
            return "cannot listen on socket '\(name)' passed by systemd: \(String(cString: strerror(errno)))"
        }
    }
}
