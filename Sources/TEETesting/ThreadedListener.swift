import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A listening TCP socket on 127.0.0.1 whose connections are served on threads of their own.
///
/// The accept thread owns the socket: ``stop()`` only shuts it down, which wakes the thread, and
/// the thread closes it. Closing it from another thread instead would let the thread's next
/// `accept` run on whatever socket reused the descriptor number, stealing another test's
/// connections.
final class ThreadedListener: Sendable {
    let port: Int
    private let fd: CInt

    /// Listens and serves each accepted connection with `serve`, which must close the descriptor it gets.
    init(serve: @escaping @Sendable (CInt) -> Void) throws {
        let listener = try LoopbackSocket.listening(backlog: 16)
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = LoopbackSocket.withSockaddr(&address) { pointer, _ in getsockname(listener, pointer, &length) }
        self.fd = listener
        self.port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread {
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else {
                    close(listener)
                    return
                }
                _ = fcntl(client, F_SETFD, FD_CLOEXEC)  // not inherited by daemons the tests start
                Thread.detachNewThread { serve(client) }
            }
        }
    }

    /// Stops accepting connections (the accept thread closes the socket).
    func stop() {
        shutdown(self.fd, Int32(SHUT_RDWR))
    }
}
