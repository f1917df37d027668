public import Logging
public import NIOCore
import NIOExtras
import NIOHTTP1
public import ServiceLifecycle
public import TEEModel
public import TEESystemd

/// The proxy's listeners as one service: binds every entry point before the daemon reports
/// ready, and on graceful shutdown closes the listeners first, then lets open connections finish
/// their in-flight requests until the grace timeout.
public final class ProxyServer: Service, Sendable {
    private let channels: [(name: String, channel: any Channel)]
    private let quiescing: ServerQuiescingHelper
    private let graceTimeout: Duration
    private let logger: Logger

    /// The addresses actually bound, by entry point name.
    public var boundAddresses: [String: SocketAddress] {
        Dictionary(uniqueKeysWithValues: self.channels.compactMap { entry in entry.channel.localAddress.map { (entry.name, $0) } })
    }

    private init(channels: [(name: String, channel: any Channel)], quiescing: ServerQuiescingHelper, graceTimeout: Duration, logger: Logger) {
        self.channels = channels
        self.quiescing = quiescing
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
        let quiescing = ServerQuiescingHelper(group: group)
        let binder = EntryPointBinder(group: group, logger: logger)
        var channels: [(name: String, channel: any Channel)] = []
        do {
            for entryPoint in configuration.entryPoints {
                let servesPing = configuration.pingEntryPoint == entryPoint.name
                let channel = try await binder.bind(
                    entryPoint,
                    activatedSocket: byName[entryPoint.name],
                    serverChannelInitializer: { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                        }
                    },
                    childChannelInitializer: { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                            try channel.pipeline.syncOperations.addHandler(EntryPointRequestHandler(servesPing: servesPing))
                        }
                    }
                )
                channels.append((entryPoint.name, channel))
            }
        } catch {
            // Release what was bound so a failed start leaves no listener behind.
            for (_, channel) in channels { try? await channel.close() }
            throw error
        }
        return ProxyServer(channels: channels, quiescing: quiescing, graceTimeout: graceTimeout, logger: logger)
    }

    public func run() async throws {
        try? await gracefulShutdown()
        guard let loop = self.channels.first?.channel.eventLoop else { return }
        self.logger.info("Closing listeners and draining connections", metadata: ["grace_timeout": "\(self.graceTimeout)"])
        let drained = loop.makePromise(of: Void.self)
        self.quiescing.initiateShutdown(promise: drained)
        let graceTimeout = self.graceTimeout
        let finishedInTime = await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await drained.futureResult.get()) != nil }
            group.addTask {
                try? await Task.sleep(for: graceTimeout)
                return false
            }
            defer { group.cancelAll() }
            return await group.next() ?? false
        }
        if finishedInTime {
            self.logger.info("All connections drained")
        } else {
            self.logger.warning("Grace timeout reached; closing the remaining connections")
        }
    }
}
