import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOTLS
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
    /// Idle connections by server; each list is an object, changed in place (a mutation through
    /// the dictionary's subscript runs a coroutine whose frame is allocated on every call).
    private var idle: [UpstreamConnectionKey: IdleConnections] = [:]
    /// HTTP/2 connections by server, each carrying up to ``maxStreamsPerConnection`` requests at once.
    private var http2: [UpstreamConnectionKey: [UpstreamHTTP2Connection]] = [:]
    /// HTTP/2 connections being dialled, and the streams already promised to each: a burst of
    /// requests waits for one connection instead of dialling one each.
    private var dialling: [UpstreamConnectionKey: PendingHTTP2Connection] = [:]
    /// Servers that answered ALPN with h2: later dials to them are shared while they connect.
    private var negotiatedHTTP2: Set<UpstreamConnectionKey> = []
    /// Closes connections idle longer than their transport's `idleConnTimeout`; one timer for the
    /// whole pool, so returning a connection schedules nothing.
    private var sweeper: RepeatedTask?

    /// How often idle connections are checked for expiry.
    static let sweepInterval = TimeAmount.seconds(1)
    /// Streams one upstream HTTP/2 connection carries before another is opened, as Go's transport
    /// does: a burst sent before the server's SETTINGS arrive must not pass its limit (100 is the
    /// lowest common default: NIO's and HAProxy's; nginx allows 128, Go 250), or the server
    /// refuses the excess streams, and a flood of refusals takes the connection down.
    static let maxStreamsPerConnection = 100

    init(eventLoop: any EventLoop, tlsContexts: UpstreamTLSContexts) {
        self.eventLoop = eventLoop
        self.tlsContexts = tlsContexts
    }

    /// An idle connection to `server`, if the pool has one (the usual case, and no allocation).
    func leaseIdle(_ server: UpstreamServer) -> UpstreamConnection? {
        self.eventLoop.assertInEventLoop()
        let key = server.connectionKey
        guard let idle = self.idle[key] else { return nil }
        while let connection = idle.connections.popLast() {
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
        // An HTTP/2 stream ends with its exchange (one whose request was never sent, because its
        // client went away first, is closed here); its connection stays with the pool.
        if connection.isStream {
            connection.channel.close(promise: nil)
            return
        }
        guard connection.channel.isActive else { return }
        // Kept even past `maxIdleConnsPerHost`: under load, responses come back in bursts between
        // the requests that reuse them, and closing the excess at once would open as many new
        // connections a moment later. The sweep trims what stays unused to the limit.
        connection.idleSince = .now()
        // Appended in place (copying the array out and back would allocate on every request).
        if let idle = self.idle[connection.key] {
            idle.connections.append(connection)
        } else {
            self.idle[connection.key] = IdleConnections(connection)
        }
        self.scheduleSweeper()
    }

    private func scheduleSweeper() {
        guard self.sweeper == nil else { return }
        // The pool is only used on its loop, where this task runs too.
        self.sweeper = self.eventLoop.scheduleRepeatedTask(initialDelay: Self.sweepInterval, delay: Self.sweepInterval) { [self] _ in
            self.closeExpired()
        }
    }

    /// Closes the idle connections (and HTTP/2 connections without streams) whose `idleConnTimeout`
    /// has passed, and past `maxIdleConnsPerHost` the longest idle ones that no request took for a
    /// whole sweep interval.
    private func closeExpired() {
        let now = NIODeadline.now()
        for (key, idle) in self.idle {
            let connections = idle.connections
            let timeout = TimeAmount.nanoseconds(key.transport.idleTimeout.nanoseconds)
            // Leases take from the end, so the front holds the connections idle the longest.
            let excess = max(0, connections.count - max(1, key.transport.maxIdleConnectionsPerHost))
            var kept: [UpstreamConnection] = []
            var closing: [UpstreamConnection] = []
            for (index, connection) in connections.enumerated() {
                let idleFor = now - connection.idleSince
                if (index < excess && idleFor >= Self.sweepInterval) || idleFor >= timeout { closing.append(connection) } else { kept.append(connection) }
            }
            guard !closing.isEmpty else { continue }
            idle.connections = kept
            for connection in closing { connection.channel.close(promise: nil) }
        }
        for shared in self.http2.values.joined() where shared.openStreams == 0 {
            if now - shared.idleSince >= .nanoseconds(shared.key.transport.idleTimeout.nanoseconds) { shared.channel.close(promise: nil) }
        }
    }

    /// Connects to `server` and sets the connection up for the protocol it speaks: an HTTP/1.1
    /// connection of its own, or a stream on an HTTP/2 connection that later requests share.
    private func connect(key: UpstreamConnectionKey, server: UpstreamServer) -> EventLoopFuture<UpstreamConnection> {
        if let shared = self.http2[key]?.first(where: { $0.channel.isActive && $0.openStreams < Self.maxStreamsPerConnection }) {
            return self.openStream(on: shared)
        }
        if let pending = self.dialling[key], pending.promisedStreams < Self.maxStreamsPerConnection {
            pending.promisedStreams += 1
            return pending.connection.flatMap { self.openStream(on: $0) }
        }
        let upstreamProtocol = UpstreamProtocol(scheme: key.scheme, disableHTTP2: key.transport.disableHTTP2)
        let dial = self.dial(key: key, server: server, upstreamProtocol: upstreamProtocol)
        guard upstreamProtocol == .http2Cleartext || (upstreamProtocol == .negotiated && self.negotiatedHTTP2.contains(key)) else {
            return dial.flatMap { setup in
                switch setup {
                case .http1(let connection): return self.eventLoop.makeSucceededFuture(connection)
                case .http2(let shared): return self.openStream(on: shared)
                }
            }
        }
        // HTTP/2 is expected: requests arriving while this connection is dialled share it.
        let shared = dial.flatMapThrowing { setup -> UpstreamHTTP2Connection in
            guard case .http2(let shared) = setup else { throw UpstreamError.closedBeforeResponse }
            return shared
        }
        let pending = PendingHTTP2Connection(connection: shared)
        self.dialling[key] = pending
        shared.whenComplete { _ in
            if self.dialling[key] === pending { self.dialling[key] = nil }
        }
        return shared.flatMap { self.openStream(on: $0) }
    }

    /// Dials `server` and sets the connection up for the protocol it speaks.
    private func dial(key: UpstreamConnectionKey, server: UpstreamServer,
                      upstreamProtocol: UpstreamProtocol) -> EventLoopFuture<UpstreamConnectionSetup> {
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
        // Whether the connection speaks HTTP/2, known at once or after the TLS handshake's ALPN.
        let speaksHTTP2 = self.eventLoop.makePromise(of: Bool.self)
        let bootstrap = ClientBootstrap(group: self.eventLoop)
            .connectTimeout(.nanoseconds(key.transport.dialTimeout.nanoseconds))
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    switch upstreamProtocol {
                    case .http1:
                        speaksHTTP2.succeed(false)
                    case .http2Cleartext:
                        speaksHTTP2.succeed(true)
                    case .negotiated:
                        // The server's ALPN answer decides; a failed handshake closes the channel
                        // (completing a promise twice does nothing).
                        try channel.pipeline.syncOperations.addHandler(ApplicationProtocolNegotiationHandler { result, channel in
                            speaksHTTP2.succeed(result == .negotiated("h2"))
                            return channel.eventLoop.makeSucceededVoidFuture()
                        })
                        channel.closeFuture.whenComplete { _ in speaksHTTP2.fail(UpstreamError.closedBeforeResponse) }
                    }
                }
            }
        return bootstrap.connect(host: key.host, port: key.port).flatMap { channel in
            speaksHTTP2.futureResult.flatMapThrowing { http2 -> UpstreamConnectionSetup in
                // Connected on this pool's event loop, so its pipeline can be changed synchronously.
                if upstreamProtocol == .negotiated, http2 { self.negotiatedHTTP2.insert(key) }
                return http2 ? .http2(try self.addHTTP2Handlers(to: channel, key: key, usesTLS: tls != nil))
                             : .http1(try self.addHTTP1Handlers(to: channel, key: key))
            }
        }
    }

    private func addHTTP1Handlers(to channel: any Channel, key: UpstreamConnectionKey) throws -> UpstreamConnection {
        // Header values were checked when the configuration loaded, and llhttp checked the client's
        // (so no header validator). Interim responses (100, 102, 103) are passed on to the client.
        try channel.pipeline.syncOperations.addHandler(HTTPRequestEncoder())
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(
            HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes, informationalResponseStrategy: .forward)))
        let handler = UpstreamHandler()
        try channel.pipeline.syncOperations.addHandler(handler)
        let connection = UpstreamConnection(channel: channel, handler: handler, key: key, isStream: false)
        handler.onClose = { [weak self] in self?.remove(connection) }
        return connection
    }

    /// Makes `channel` an HTTP/2 connection that later requests to the same server share.
    private func addHTTP2Handlers(to channel: any Channel, key: UpstreamConnectionKey, usesTLS: Bool) throws -> UpstreamHTTP2Connection {
        try channel.pipeline.syncOperations.addHandler(FlushCoalescingHandler())
        // A server may end every stream with RST_STREAM(NO_ERROR) once it has answered without
        // reading the whole request (nginx does): NIO's rapid-reset limit, meant for clients,
        // would take that for a flood and end the connection. The servers are ours to trust.
        var streams = NIOHTTP2Handler.StreamConfiguration()
        streams.streamResetFrameRateLimit.maximumCount = .max
        let multiplexer = try channel.pipeline.syncOperations.configureHTTP2Pipeline(
            mode: .client, connectionConfiguration: .init(), streamConfiguration: streams
        ) { stream in
            stream.close()  // servers do not open streams to a client
        }
        // After a connection error NIO has sent GOAWAY and starts no new stream: close it, so the
        // pool stops handing it out.
        try channel.pipeline.syncOperations.addHandler(HTTP2ConnectionErrorHandler())
        let shared = UpstreamHTTP2Connection(channel: channel, multiplexer: multiplexer, key: key, usesTLS: usesTLS)
        self.http2[key, default: []].append(shared)
        channel.closeFuture.whenComplete { [weak self] _ in
            self?.eventLoop.execute {
                self?.http2[key]?.removeAll { $0 === shared }
                if self?.http2[key]?.isEmpty == true { self?.http2[key] = nil }
            }
        }
        self.scheduleSweeper()
        return shared
    }

    /// A new stream on `shared`, speaking HTTP/1-style parts like a connection of its own.
    private func openStream(on shared: UpstreamHTTP2Connection) -> EventLoopFuture<UpstreamConnection> {
        let requestScheme: HTTP2FramePayloadToHTTP1ClientCodec.HTTPProtocol = shared.usesTLS ? .https : .http
        shared.openStreams += 1
        let stream = shared.multiplexer.createStreamChannel { stream in
            stream.eventLoop.makeCompletedFuture {
                try stream.pipeline.syncOperations.addHandler(HTTP2FramePayloadToHTTP1ClientCodec(httpProtocol: requestScheme))
                try stream.pipeline.syncOperations.addHandler(UpstreamHandler())
            }
        }
        let streamEnded = { (_: Result<Void, any Error>) in
            shared.openStreams -= 1
            shared.idleSince = .now()
        }
        stream.whenComplete { result in
            switch result {
            case .success(let channel): channel.closeFuture.whenComplete(streamEnded)
            case .failure(let error): streamEnded(.failure(error))
            }
        }
        return stream.flatMapThrowing { channel in
            // Made on this pool's event loop, so its pipeline can be read synchronously.
            let handler = try channel.pipeline.syncOperations.handler(type: UpstreamHandler.self)
            return UpstreamConnection(channel: channel, handler: handler, key: shared.key, isStream: true)
        }
    }

    private func remove(_ connection: UpstreamConnection) {
        self.idle[connection.key]?.connections.removeAll { $0 === connection }
    }
}
