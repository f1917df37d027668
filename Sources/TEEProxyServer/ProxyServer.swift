public import Logging
public import NIOCore
import NIOHTTP1
import NIOPosix
import NIOHTTP2
import NIOTLS
import Prometheus
import TEEProxy
public import ServiceLifecycle
public import TEEModel
public import TEESystemd

/// The proxy's listeners as one service: binds every entry point before the daemon reports
/// ready, and on graceful shutdown closes the listeners first, then lets open connections finish
/// their in-flight requests until the grace timeout.
public final class ProxyServer: Service, Sendable {
    private let listeners: [EntryPointListener]
    private let connections: ConnectionTracker
    private let graceTimeout: Duration
    private let logger: Logger

    /// The addresses actually bound, by entry point name.
    public var boundAddresses: [String: SocketAddress] {
        Dictionary(uniqueKeysWithValues: self.listeners.compactMap { listener in listener.channel.localAddress.map { (listener.name, $0) } })
    }

    private init(listeners: [EntryPointListener], connections: ConnectionTracker, graceTimeout: Duration, logger: Logger) {
        self.listeners = listeners
        self.connections = connections
        self.graceTimeout = graceTimeout
        self.logger = logger
    }

    /// Binds every entry point of `configuration`, adopting the sockets systemd passed by name.
    ///
    /// A passed socket whose name matches no entry point is an error; an entry point with no
    /// passed socket is bound to its address.
    public static func bind(
        configuration: StaticConfiguration,
        activatedSockets: [ActivatedSocket],
        group: any EventLoopGroup,
        runtime: RuntimeReference,
        graceTimeout: Duration,
        logger: Logger
    ) async throws -> ProxyServer {
        try await Self.bind(configuration: configuration, activatedSockets: activatedSockets, group: group, runtime: runtime,
                            observer: .none, metrics: nil, api: nil, tracer: nil, graceTimeout: graceTimeout, logger: logger)
    }

    static func bind(
        configuration: StaticConfiguration,
        activatedSockets: [ActivatedSocket],
        group: any EventLoopGroup,
        runtime: RuntimeReference,
        observer: RequestObserver,
        metrics: ProxyMetrics?,
        api: ProxyAPI?,
        tracer: (any RequestTracer)?,
        graceTimeout: Duration,
        logger: Logger
    ) async throws -> ProxyServer {
        let pools = UpstreamPools(group: group)
        let serverName = ServerName.current()
        let byName = try SocketActivation.match(activatedSockets, toEntryPoints: Set(configuration.entryPoints.map(\.name)))
        let binder = EntryPointBinder(group: group, logger: logger)
        let connections = ConnectionTracker()
        let spanEnds = SpanEndQueues()
        let sampler = TraceSampler(sampleRate: configuration.tracing?.sampleRate ?? 0)
        var listeners: [EntryPointListener] = []
        do {
            for entryPoint in configuration.entryPoints {
                if entryPoint.address.isUDP {
                    listeners.append(EntryPointListener(name: entryPoint.name, channel: try await Self.bindUDP(entryPoint, group: group,
                                                                                                              runtime: runtime, logger: logger)))
                    continue
                }
                let context = EntryPointContext(
                    name: entryPoint.name,
                    runtime: runtime,
                    pools: pools,
                    subrequests: PooledSubrequestClient(pools: pools),
                    forwardedHeaders: ForwardedHeaders(trustedIPs: entryPoint.trustedIPs, trustAll: entryPoint.trustAllForwardedHeaders,
                                                       serverName: serverName),
                    redirection: Self.redirection(for: entryPoint, in: configuration),
                    servesPing: configuration.pingEntryPoint == entryPoint.name,
                    api: api,
                    servesAPIDirectly: configuration.apiEntryPoint == entryPoint.name,
                    servedMetrics: configuration.metrics?.entryPoint == entryPoint.name ? metrics : nil,
                    observer: observer,
                    observesTLS: metrics != nil || configuration.accessLog != nil,
                    tracing: Self.traceSettings(tracer, sampler: sampler, configuration: configuration.tracing, entryPoint: entryPoint),
                    accessLogsByDefault: entryPoint.accessLogs,
                    metricsByDefault: entryPoint.metrics,
                    tracesByDefault: entryPoint.tracing,
                    tracesInternals: configuration.tracing?.addInternals ?? false,
                    spanEnds: spanEnds,
                    idleTimeout: entryPoint.idleTimeout,
                    readTimeout: entryPoint.readTimeout,
                    writeTimeout: entryPoint.writeTimeout,
                    maxConcurrentStreams: entryPoint.maxConcurrentStreams,
                    maxHeaderBytes: entryPoint.maxHeaderBytes
                )
                let openConnections = metrics?.openConnections(entryPoint: entryPoint.name)
                let channel = try await binder.bind(
                    entryPoint,
                    activatedSocket: byName[entryPoint.name],
                    childChannelInitializer: { channel in
                        connections.add(channel)
                        if let openConnections {
                            openConnections.increment()
                            channel.closeFuture.whenComplete { _ in openConnections.decrement() }
                        }
                        return channel.eventLoop.makeCompletedFuture {
                            let current = runtime.current
                            if try Self.relayWithoutWaiting(channel, entryPoint: entryPoint.name, runtime: current) { return }
                            let (tls, acme) = runtime.currentTLSAndChallenges
                            let setupDeadline = Self.setupDeadline(for: channel, readTimeout: entryPoint.readTimeout)
                            let sniffer = TLSSniffer(tls: tls, acme: acme, tcp: current.tcpRouters[entryPoint.name]) { channel, kind in
                                try Self.addProtocolHandlers(to: channel, kind: kind, entryPoint: context, setupDeadline: setupDeadline)
                            }
                            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(sniffer))
                        }
                    }
                )
                listeners.append(EntryPointListener(name: entryPoint.name, channel: channel))
            }
        } catch {
            // Release what was bound so a failed start leaves no listener behind.
            for listener in listeners { try? await listener.channel.close() }
            throw error
        }
        return ProxyServer(listeners: listeners, connections: connections, graceTimeout: graceTimeout, logger: logger)
    }

    /// An entry point with only plain TCP routers (`HostSNI(`*`)`) has nothing to learn from the
    /// client's first bytes, so its connections are relayed at once: server-first protocols (SMTP,
    /// MySQL, …) work. Returns whether the connection was taken.
    private static func relayWithoutWaiting(_ channel: any Channel, entryPoint: String, runtime: ProxyRuntime) throws -> Bool {
        guard let table = runtime.tcpRouters[entryPoint], !table.isEmpty, !table.hasTLSRouters,
              runtime.plainRouters[entryPoint]?.isEmpty ?? true, runtime.tlsRouters[entryPoint]?.isEmpty ?? true else { return false }
        let client = channel.remoteAddress?.ipAddress.flatMap(IPAddress.init)
        let connection = TCPConnectionInfo(serverName: nil, clientAddress: client, alpnProtocols: [], isTLS: false)
        guard let router = table.route(connection) else { return false }
        guard let onClose = router.admit(connection), let selection = router.service.select() else {
            channel.close(promise: nil)
            return true
        }
        try channel.pipeline.syncOperations.addHandler(TCPProxyHandler(selection: selection, onClose: onClose))
        return true
    }

    /// A UDP entry point: datagrams are relayed per client session by the UDP router's service.
    private static func bindUDP(_ entryPoint: EntryPointConfiguration, group: any EventLoopGroup, runtime: RuntimeReference,
                                logger: Logger) async throws -> any Channel {
        do {
            let channel = try await DatagramBootstrap(group: group)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            UDPProxyHandler(entryPoint: entryPoint.name, runtime: runtime, timeout: entryPoint.udpTimeout))
                    }
                }
                .bind(host: entryPoint.address.bindHost, port: entryPoint.address.port).get()
            logger.info("Listening", metadata: ["entry_point": "\(entryPoint.name)", "address": "\(entryPoint.address)"])
            return channel
        } catch let error as IOError {
            throw EntryPointBindError(entryPoint: entryPoint, errnoCode: error.errnoCode)
        }
    }

    /// `readTimeout` from the moment a connection is accepted until it has said what it speaks
    /// (its first bytes, and for TLS the whole handshake), as Go's server applies it: a client that
    /// connects and sends nothing, or stalls its handshake, is closed then (slowloris). nil when
    /// `readTimeout` is zero.
    private static func setupDeadline(for channel: any Channel, readTimeout: Duration) -> Scheduled<Void>? {
        guard readTimeout > .zero else { return nil }
        let deadline = channel.eventLoop.scheduleTask(in: .nanoseconds(readTimeout.nanoseconds)) { [weak channel] () -> Void in
            channel?.close(promise: nil)
        }
        // A connection that closes first takes its task out of the loop's timers at once (a flood
        // of short connections would otherwise leave one per connection for readTimeout).
        channel.closeFuture.whenComplete { _ in deadline.cancel() }
        return deadline
    }

    /// The handlers for what the connection speaks: TLS negotiates HTTP/2 or HTTP/1.1 by ALPN.
    /// Once they are in place the connection's own deadlines take over from `setupDeadline`.
    private static func addProtocolHandlers(to channel: any Channel, kind: TLSSniffer.Kind, entryPoint: EntryPointContext,
                                            setupDeadline: Scheduled<Void>?) throws {
        switch kind {
        case .http1:
            setupDeadline?.cancel()
            try Self.addHTTP1Handlers(to: channel, entryPoint: entryPoint, isTLS: false)
        case .h2c:
            setupDeadline?.cancel()
            try Self.addHTTP2Handlers(to: channel, entryPoint: entryPoint, isTLS: false)
        case .tcp, .acmeChallenge:
            setupDeadline?.cancel()
        case .tls:
            if entryPoint.observesTLS { try channel.pipeline.syncOperations.addHandler(ServerHelloObserver(), position: .first) }
            try channel.pipeline.syncOperations.addHandler(ApplicationProtocolNegotiationHandler { result, channel in
                setupDeadline?.cancel()
                return channel.eventLoop.makeCompletedFuture {
                    if case .negotiated("h2") = result {
                        try Self.addHTTP2Handlers(to: channel, entryPoint: entryPoint, isTLS: true)
                    } else {
                        try Self.addHTTP1Handlers(to: channel, entryPoint: entryPoint, isTLS: true)
                    }
                }
            })
        }
    }

    /// NIO's HTTP/1.1 codec without its helpers (pipelining, errors and header checks are the proxy
    /// handler's), with bytes after an upgrade request going on to the relay that replaces the codec.
    /// The decoder takes extension methods (`FOO /`) as Traefik does. Over TLS a response's writes
    /// are gathered into one record.
    private static func addHTTP1Handlers(to channel: any Channel, entryPoint: EntryPointContext, isTLS: Bool) throws {
        if isTLS { try channel.pipeline.syncOperations.addHandler(WriteCoalescingHandler()) }
        try channel.pipeline.syncOperations.addHandler(HTTPResponseEncoder())
        try channel.pipeline.syncOperations.addHTTP1RequestDecoder(leftOverBytesStrategy: .forwardBytes,
                                                                   maxHeaderBytes: entryPoint.maxHeaderBytes)
        try channel.pipeline.syncOperations.addHandler(HTTPProxyHandler(entryPoint: entryPoint, isTLS: isTLS, closesWhenIdle: true,
                                                                        deadlineTimer: DeadlineTimer(eventLoop: channel.eventLoop)))
    }

    /// HTTP/2: NIO's handler speaks the protocol and delivers frames; the streams are served by one
    /// handler for the connection (no channel per stream), and their responses leave together, one
    /// write (over TLS, one gathered buffer) per event-loop pass.
    private static func addHTTP2Handlers(to channel: any Channel, entryPoint: EntryPointContext, isTLS: Bool) throws {
        let connection = ClientConnection(channel: channel, isTLS: isTLS, observesTLS: entryPoint.observesTLS,
                                          forwardedHeaders: entryPoint.forwardedHeaders)
        let idle = entryPoint.idleTimeout > .zero ? HTTP2IdleTimeoutHandler(timeout: entryPoint.idleTimeout) : nil
        if isTLS { try channel.pipeline.syncOperations.addHandler(WriteCoalescingHandler()) }
        try channel.pipeline.syncOperations.addHandler(FlushCoalescingHandler())
        var configuration = NIOHTTP2Handler.ConnectionConfiguration()
        // NIO's other defaults stay (the 16 KiB header list limit among them).
        configuration.initialSettings = nioDefaultSettings.filter { $0.parameter != .maxConcurrentStreams }
            + [HTTP2Setting(parameter: .maxConcurrentStreams, value: entryPoint.maxConcurrentStreams),
               HTTP2Setting(parameter: .initialWindowSize, value: HTTP2ServerConnectionHandler.streamWindow)]
        try channel.pipeline.syncOperations.addHandler(NIOHTTP2Handler(mode: .server, connectionConfiguration: configuration))
        try channel.pipeline.syncOperations.addHandler(HTTP2ServerConnectionHandler(
            entryPoint: entryPoint, isTLS: isTLS, connection: connection,
            deadlineTimer: DeadlineTimer(eventLoop: channel.eventLoop), idle: idle))
        if let idle {
            try channel.pipeline.syncOperations.addHandler(idle)
        }
        try channel.pipeline.syncOperations.addHandler(HTTP2ConnectionErrorHandler())
    }

    /// What the entry point's traces record; nil without `tracing`.
    private static func traceSettings(_ tracer: (any RequestTracer)?, sampler: TraceSampler, configuration: TracingConfiguration?,
                                      entryPoint: EntryPointConfiguration) -> TraceSettings? {
        guard let tracer, let configuration else { return nil }
        return TraceSettings(tracer: tracer, sampler: sampler, configuration: configuration, detailed: entryPoint.detailedTracing)
    }

    /// `http.redirections.entryPoint` as a middleware: the target's port comes from its address.
    private static func redirection(for entryPoint: EntryPointConfiguration, in configuration: StaticConfiguration) -> RedirectSchemeMiddleware? {
        guard let redirection = entryPoint.redirection else { return nil }
        let port = redirection.to.hasPrefix(":")
            ? String(redirection.to.dropFirst())
            : configuration.entryPoints.first { $0.name == redirection.to }.map { String($0.address.port) }
        return RedirectSchemeMiddleware(scheme: redirection.scheme, port: port, permanent: redirection.permanent)
    }

    /// How long a stop waits between ceasing to accept and closing the listeners.
    static let acceptSettleTime: Duration = .milliseconds(250)

    public func run() async throws {
        try? await gracefulShutdown()
        self.logger.info("Closing listeners and draining connections", metadata: [
            "grace_timeout": "\(self.graceTimeout)", "open_connections": "\(self.connections.count)",
        ])
        // Stop accepting first and close the listeners only once the connections accepted last
        // have been set up: NIO closes a connection whose setup completes after its listener
        // closed, unanswered (its client sees a reset). What is still in the kernel's accept
        // queue stays there for the next process, since systemd holds the listening socket.
        for listener in self.listeners {
            try? await listener.channel.setOption(.autoRead, value: false)
        }
        try? await Task.sleep(for: Self.acceptSettleTime)
        for listener in self.listeners {
            try? await listener.channel.close()
        }
        self.connections.quiesceAll()
        if await self.connections.waitUntilEmpty(timeout: self.graceTimeout) {
            self.logger.info("All connections drained")
        } else {
            self.logger.warning("Grace timeout reached; closing the remaining connections",
                                metadata: ["open_connections": "\(self.connections.count)"])
            self.connections.closeAll()
            _ = await self.connections.waitUntilEmpty(timeout: .seconds(1))
        }
    }
}
