public import Logging
public import NIOCore
import NIOHTTP1
import NIOPosix
public import ServiceLifecycle

/// Serves the agent's metrics at `GET /metrics` (Prometheus text format) on a local address.
public struct MeshMetricsServer: Service {
    private let channel: any Channel
    private let logger: Logger

    /// Binds `host:port` (port 0 picks one).
    public static func bind(host: String, port: Int, metrics: MeshMetrics, group: any EventLoopGroup, logger: Logger) async throws -> MeshMetricsServer {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(NIOHTTPServerRequestAggregator(maxContentLength: 65_536))
                    try channel.pipeline.syncOperations.addHandler(MeshMetricsHandler(metrics: metrics))
                }
            }
            .bind(host: host, port: port).get()
        logger.info("Metrics at /metrics", metadata: ["address": "\(host):\(channel.localAddress?.port ?? port)"])
        return MeshMetricsServer(channel: channel, logger: logger)
    }

    /// The bound port.
    public var port: Int? { self.channel.localAddress?.port }

    public func run() async throws {
        try? await gracefulShutdown()
        try? await self.channel.close()
    }
}
