import NIOCore
import NIOHTTP1
import TEEProxy
import TEESystemd

/// One copy of a request sent to a mirror: the response is read and dropped, and the connection
/// goes back to the pool. Failures only end the copy; the client never sees them.
final class MirrorExchange: UpstreamExchange {
    private let pool: UpstreamConnectionPool
    private let server: UpstreamServer
    private var parts: [HTTPClientRequestPart]
    private var connection: UpstreamConnection?
    private var reusable = true
    private var timer: Scheduled<Void>?

    private init(pool: UpstreamConnectionPool, server: UpstreamServer, parts: [HTTPClientRequestPart]) {
        self.pool = pool
        self.server = server
        self.parts = parts
    }

    /// Sends `head`, `body` and the end to `server` on a pooled connection of `pool`'s event loop.
    static func send(head: HTTPRequestHead, body: [ByteBuffer], to server: UpstreamServer, pool: UpstreamConnectionPool) {
        let parts = [HTTPClientRequestPart.head(head)] + body.map { .body(.byteBuffer($0)) } + [.end(nil)]
        let exchange = MirrorExchange(pool: pool, server: server, parts: parts)
        if let idle = pool.leaseIdle(server) {
            exchange.attach(idle)
            return
        }
        pool.connect(server).assumeIsolated().whenSuccess { exchange.attach($0) }
    }

    private func attach(_ connection: UpstreamConnection) {
        self.connection = connection
        connection.handler.exchange = self
        for part in self.parts.dropLast() { connection.channel.write(part, promise: nil) }
        connection.channel.writeAndFlush(self.parts.last!, promise: nil)
        self.parts = []
        // A mirror that never answers would hold its connection: the transport's header timeout applies, as upstream.
        let timeout = self.server.transport.responseHeaderTimeout
        if timeout > .zero {
            self.timer = connection.channel.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(timeout.nanoseconds)) {
                connection.channel.close(promise: nil)
            }
        }
    }

    func upstreamReceived(_ part: HTTPClientResponsePart) {
        switch part {
        case .head(let head):
            guard head.status.code >= 200 else { return }
            self.timer?.cancel()
            self.reusable = head.isKeepAlive
        case .body:
            break
        case .end:
            guard let connection = self.connection else { return }
            self.connection = nil
            if self.reusable {
                self.pool.release(connection)
            } else {
                connection.handler.exchange = nil
                connection.channel.close(promise: nil)
            }
        }
    }

    func upstreamReadComplete() {}

    func upstreamClosed(error: (any Error)?) {
        self.timer?.cancel()
        self.connection = nil
    }

    func upstreamWritabilityChanged(isWritable: Bool) {}
}
