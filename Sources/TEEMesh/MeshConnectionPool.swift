import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import TEEModel
import TEEProxy

/// Keep-alive connections of one event loop, by destination: requests are forwarded on their
/// client connection's loop, so a pool never crosses threads (only its loop touches it).
final class MeshConnectionPool: @unchecked Sendable {
    private let eventLoop: any EventLoop
    private var idle: [MeshConnectionKey: [MeshUpstreamConnection]] = [:]

    /// The most idle connections kept per destination.
    static let maximumIdlePerKey = 64
    /// The largest response body the agent buffers.
    static let maximumResponseBytes = 64 << 20

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// How long a connection may idle in the pool: less than the usual keep-alive timeouts of
    /// servers (nginx 75 s, Apache 5 s is rarer), so that the pool seldom hands out one the other
    /// side has closed; such a one is replaced once anyway (see `exchange`).
    static let maximumIdleTime = TimeAmount.seconds(30)

    /// Sends `request` on an idle connection for `key` or a new one to its address (over TLS with
    /// `tls`, naming `serverName`), and returns the connection to the pool afterwards. A reused
    /// connection that fails before any answer (the other side closed it meanwhile) is replaced
    /// by a new one once, for requests that may be repeated.
    func exchange(_ request: MeshRequest, key: MeshConnectionKey, tls: NIOSSLContext?, serverName: String?,
                  connectTimeout: TimeAmount) -> EventLoopFuture<NIOHTTPClientResponseFull> {
        self.eventLoop.assertInEventLoop()
        if let idle = self.leaseIdle(key) {
            return idle.send(request).flatMapError { error in
                idle.channel.close(promise: nil)
                guard request.isIdempotent else { return self.eventLoop.makeFailedFuture(MeshExchangeError.failed(error)) }
                return self.exchangeOnNewConnection(request, key: key, tls: tls, serverName: serverName,
                                                    connectTimeout: connectTimeout)
            }.map { response in
                self.release(idle, reusable: response.head.isKeepAlive)
                return response
            }
        }
        return self.exchangeOnNewConnection(request, key: key, tls: tls, serverName: serverName, connectTimeout: connectTimeout)
    }

    private func exchangeOnNewConnection(_ request: MeshRequest, key: MeshConnectionKey, tls: NIOSSLContext?, serverName: String?,
                                         connectTimeout: TimeAmount) -> EventLoopFuture<NIOHTTPClientResponseFull> {
        self.connect(key: key, tls: tls, serverName: serverName, connectTimeout: connectTimeout)
            .flatMapError { self.eventLoop.makeFailedFuture(MeshExchangeError.connect($0)) }
            .flatMap { connection in
                connection.send(request)
                    .flatMapError { error in
                        connection.channel.close(promise: nil)
                        return self.eventLoop.makeFailedFuture(MeshExchangeError.failed(error))
                    }
                    .map { response in
                        self.release(connection, reusable: response.head.isKeepAlive)
                        return response
                    }
            }
    }

    /// An idle connection to `key` that is still open and has not idled too long.
    private func leaseIdle(_ key: MeshConnectionKey) -> MeshUpstreamConnection? {
        let now = NIODeadline.now()
        while let connection = self.idle[key]?.popLast() {
            guard connection.channel.isActive, now - connection.idleSince < Self.maximumIdleTime else {
                connection.channel.close(promise: nil)
                continue
            }
            return connection
        }
        return nil
    }

    private func connect(key: MeshConnectionKey, tls: NIOSSLContext?, serverName: String?,
                         connectTimeout: TimeAmount) -> EventLoopFuture<MeshUpstreamConnection> {
        let collector = MeshResponseCollector()
        return ClientBootstrap(group: self.eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                        try channel.pipeline.syncOperations.addHandler(WriteCoalescingHandler())
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(NIOHTTPClientResponseAggregator(maxContentLength: Self.maximumResponseBytes))
                    try channel.pipeline.syncOperations.addHandler(collector)
                }
            }
            .connect(host: key.address.host, port: key.address.port)
            .map { MeshUpstreamConnection(channel: $0, key: key, collector: collector) }
    }

    /// Returns a connection whose exchange ended cleanly, for reuse.
    private func release(_ connection: MeshUpstreamConnection, reusable: Bool) {
        guard reusable, connection.channel.isActive, self.idle[connection.key, default: []].count < Self.maximumIdlePerKey else {
            connection.channel.close(promise: nil)
            return
        }
        connection.idleSince = .now()
        self.idle[connection.key, default: []].append(connection)
    }
}
