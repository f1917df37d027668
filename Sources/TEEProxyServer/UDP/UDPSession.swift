import NIOCore

/// One UDP client of an entry point: the connected socket to the server its service picked, and
/// when it was last heard from. Used on the entry point's event loop only.
final class UDPSession {
    let client: SocketAddress
    /// Datagrams from the client that arrived before the server socket was ready.
    var pending: [ByteBuffer] = []
    var backend: (any Channel)?
    var lastActivity = NIODeadline.now()
    var idleTimer: Scheduled<Void>?

    init(client: SocketAddress) {
        self.client = client
    }
}
