import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import TEEModel
import TEEProxy
import TEESystemd

/// Keep-alive connections to upstream servers, for one event loop: a request is forwarded on a
/// connection of its own loop, so the two sides never cross threads. Only its loop touches it
/// (every method asserts so), which is what makes sharing the reference safe.
final class UpstreamConnectionPool: @unchecked Sendable {
    private let eventLoop: any EventLoop
    private let tlsContexts: UpstreamTLSContexts
    private var idle: [UpstreamConnectionKey: [UpstreamConnection]] = [:]
    /// Closes connections idle longer than their transport's `idleConnTimeout`; one timer for the
    /// whole pool, so returning a connection schedules nothing.
    private var sweeper: RepeatedTask?

    /// How often idle connections are checked for expiry.
    static let sweepInterval = TimeAmount.seconds(1)

    init(eventLoop: any EventLoop, tlsContexts: UpstreamTLSContexts) {
        self.eventLoop = eventLoop
        self.tlsContexts = tlsContexts
    }

    /// An idle connection to `server`, if the pool has one (the usual case, and no allocation).
    func leaseIdle(_ server: UpstreamServer) -> UpstreamConnection? {
        self.eventLoop.assertInEventLoop()
        let key = server.connectionKey
        while let connection = self.idle[key]?.popLast() {
            if connection.channel.isActive { return connection }
        }
        return nil
    }

    /// A new connection to `server`.
    func connect(_ server: UpstreamServer) -> EventLoopFuture<UpstreamConnection> {
        self.connect(key: server.connectionKey, server: server)
    }

    /// Returns a connection whose exchange finished cleanly, for reuse.
    func release(_ connection: UpstreamConnection) {
        self.eventLoop.assertInEventLoop()
        connection.handler.exchange = nil
        guard connection.channel.isActive else { return }
        guard self.idle[connection.key]?.count ?? 0 < max(1, connection.key.transport.maxIdleConnectionsPerHost) else {
            connection.channel.close(promise: nil)
            return
        }
        connection.idleSince = .now()
        // Appended in place: copying the array out and back would allocate on every request.
        self.idle[connection.key, default: []].append(connection)
        if self.sweeper == nil {
            // The pool is only used on its loop, where this task runs too.
            self.sweeper = self.eventLoop.scheduleRepeatedTask(initialDelay: Self.sweepInterval, delay: Self.sweepInterval) { [self] _ in
                self.closeExpired()
            }
        }
    }

    /// Closes the idle connections whose `idleConnTimeout` has passed.
    private func closeExpired() {
        let now = NIODeadline.now()
        for (key, connections) in self.idle {
            let timeout = TimeAmount.nanoseconds(key.transport.idleTimeout.nanoseconds)
            let expired = connections.filter { now - $0.idleSince >= timeout }
            guard !expired.isEmpty else { continue }
            self.idle[key] = connections.filter { now - $0.idleSince < timeout }
            for connection in expired { connection.channel.close(promise: nil) }
        }
    }

    private func connect(key: UpstreamConnectionKey, server: UpstreamServer) -> EventLoopFuture<UpstreamConnection> {
        var tls: NIOSSLContext?
        if server.url.usesTLS {
            do {
                tls = try self.tlsContexts.context(for: key.transport)
            } catch {
                return self.eventLoop.makeFailedFuture(error)
            }
        }
        // SNI and certificate checks use serverName, else the URL's host (never an IP address).
        let serverName = key.transport.serverName ?? (IPAddress(server.url.host) == nil ? server.url.host : nil)
        let bootstrap = ClientBootstrap(group: self.eventLoop)
            .connectTimeout(.nanoseconds(key.transport.dialTimeout.nanoseconds))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    // Header values were checked when the configuration loaded, and llhttp checked the client's.
                    try channel.pipeline.syncOperations.addHTTPClientHandlers(
                        leftOverBytesStrategy: .forwardBytes, enableOutboundHeaderValidation: false
                    )
                    try channel.pipeline.syncOperations.addHandler(UpstreamHandler())
                }
            }
        return bootstrap.connect(host: key.host, port: key.port).flatMapThrowing { channel in
            // Connected on this pool's event loop, so its pipeline can be read synchronously.
            let handler = try channel.pipeline.syncOperations.handler(type: UpstreamHandler.self)
            let connection = UpstreamConnection(channel: channel, handler: handler, key: key)
            handler.onClose = { [weak self] in self?.remove(connection) }
            return connection
        }
    }

    private func remove(_ connection: UpstreamConnection) {
        self.idle[connection.key]?.removeAll { $0 === connection }
    }
}
