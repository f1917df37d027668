import CSystemd
#if canImport(Glibc)
import Glibc
#endif

/// A listening socket that systemd passed to us (socket activation), with its `FileDescriptorName=`.
public struct ActivatedSocket: Sendable, Equatable {
    /// The file descriptor, 3 or above.
    public var fileDescriptor: CInt
    /// The socket's name from `FileDescriptorName=` (systemd's default is the socket unit's name).
    public var name: String

    public init(fileDescriptor: CInt, name: String) {
        self.fileDescriptor = fileDescriptor
        self.name = name
    }

    /// Whether the descriptor is a listening stream socket (TCP or Unix), the kind an entry point can serve.
    public var isListeningStreamSocket: Bool {
        sd_is_socket(self.fileDescriptor, AF_UNSPEC, Int32(SOCK_STREAM.rawValue), 1) > 0
    }

    /// The accept-queue limit set by whoever called `listen(2)` (systemd's `Backlog=`), read from
    /// `TCP_INFO`; nil for sockets that are not TCP.
    public var listenBacklog: CInt? {
        var info = tcp_info()
        var length = socklen_t(MemoryLayout<tcp_info>.size)
        guard getsockopt(self.fileDescriptor, CInt(IPPROTO_TCP), TCP_INFO, &info, &length) == 0 else {
            return nil
        }
        // For a listening socket the kernel reports the backlog limit in tcpi_sacked.
        return CInt(clamping: info.tcpi_sacked)
    }

    /// Calls `listen(2)` again with `backlog`: adopting a socket into NIO resets it to 128.
    public func restoreBacklog(_ backlog: CInt) throws(SocketActivationError) {
        guard listen(self.fileDescriptor, backlog) == 0 else {
            throw .listenFailed(name: self.name, errno: errno)
        }
    }
}
