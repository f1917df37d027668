public import Logging
public import NIOCore
import NIOHTTP1
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
        graceTimeout: Duration,
        logger: Logger
    ) async throws -> ProxyServer {
        let byName = try SocketActivation.match(activatedSockets, toEntryPoints: Set(configuration.entryPoints.map(\.name)))
        let binder = EntryPointBinder(group: group, logger: logger)
        let connections = ConnectionTracker()
        var listeners: [EntryPointListener] = []
        do {
            for entryPoint in configuration.entryPoints {
                let servesPing = configuration.pingEntryPoint == entryPoint.name
                let channel = try await binder.bind(
                    entryPoint,
                    activatedSocket: byName[entryPoint.name],
                    childChannelInitializer: { channel in
                        connections.add(channel)
                        return channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                            try channel.pipeline.syncOperations.addHandler(EntryPointRequestHandler(servesPing: servesPing))
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

    public func run() async throws {
        try? await gracefulShutdown()
        self.logger.info("Closing listeners and draining connections", metadata: [
            "grace_timeout": "\(self.graceTimeout)", "open_connections": "\(self.connections.count)",
        ])
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
