import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import TEEModel

/// Keep-alive connections of one event loop, by destination: requests are forwarded on their
/// client connection's loop, so a pool never crosses threads (only its loop touches it).
final class MeshConnectionPool: @unchecked Sendable {
    private let eventLoop: any EventLoop
    private var idle: [String: [MeshUpstreamConnection]] = [:]

    /// The most idle connections kept per destination.
    static let maximumIdlePerKey = 64
    /// The largest response body the agent buffers.
    static let maximumResponseBytes = 64 << 20

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// An idle connection to `key`, or a new one to `address` (over TLS with `tls`, naming `serverName`).
    func lease(key: String, address: HostPort, tls: NIOSSLContext?, serverName: String?,
               connectTimeout: TimeAmount) -> EventLoopFuture<MeshUpstreamConnection> {
        self.eventLoop.assertInEventLoop()
        while let connection = self.idle[key]?.popLast() {
            if connection.channel.isActive { return self.eventLoop.makeSucceededFuture(connection) }
        }
        let collector = MeshResponseCollector()
        return ClientBootstrap(group: self.eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(NIOHTTPClientResponseAggregator(maxContentLength: Self.maximumResponseBytes))
                    try channel.pipeline.syncOperations.addHandler(collector)
                }
            }
            .connect(host: address.host, port: address.port)
            .map { MeshUpstreamConnection(channel: $0, key: key, collector: collector) }
    }

    /// Returns a connection whose exchange ended cleanly, for reuse.
    func release(_ connection: MeshUpstreamConnection, reusable: Bool) {
        self.eventLoop.assertInEventLoop()
        guard reusable, connection.channel.isActive, self.idle[connection.key, default: []].count < Self.maximumIdlePerKey else {
            connection.channel.close(promise: nil)
            return
        }
        self.idle[connection.key, default: []].append(connection)
    }
}
