import CSystemd
#if canImport(Glibc)
import Glibc
#endif

/// Reads the sockets systemd passed (`LISTEN_FDS`, `LISTEN_FDNAMES`) and matches them to entry points.
public enum SocketActivation {
    /// Takes the passed sockets through `sd_listen_fds_with_names(3)` and unsets the
    /// `LISTEN_*` variables so that child processes do not inherit them.
    ///
    /// Returns an empty list when the daemon was not socket-activated.
    public static func takeSockets() throws(SocketActivationError) -> [ActivatedSocket] {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        let count = sd_listen_fds_with_names(1, &names)
        guard count >= 0 else { throw .listenFdsFailed(errno: -count) }
        defer {
            if let names {
                for index in 0..<Int(count) { free(names[index]) }
                free(names)
            }
        }
        return (0..<Int(count)).map { index in
            let name = names?[index].map { String(cString: $0) } ?? "unknown"
            return ActivatedSocket(fileDescriptor: SD_LISTEN_FDS_START + CInt(index), name: name)
        }
    }

    /// Matches passed sockets to entry point names.
    ///
    /// An entry point without a socket is absent from the result (the daemon binds it itself);
    /// a socket without an entry point, or one that is not a listening stream socket, is an error.
    public static func match(
        _ sockets: [ActivatedSocket],
        toEntryPoints entryPointNames: Set<String>
    ) throws(SocketActivationError) -> [String: ActivatedSocket] {
        var byName: [String: ActivatedSocket] = [:]
        for socket in sockets {
            guard entryPointNames.contains(socket.name) else {
                throw .unknownSocketName(name: socket.name, known: Array(entryPointNames))
            }
            guard byName[socket.name] == nil else { throw .duplicateSocketName(name: socket.name) }
            guard socket.isListeningStreamSocket else {
                throw .notAListeningSocket(name: socket.name, fileDescriptor: socket.fileDescriptor)
            }
            byName[socket.name] = socket
        }
        return byName
    }
}
