public import Logging
public import NIOCore
import NIOPosix
public import ServiceLifecycle

/// The agent's DNS responder on UDP (by default 127.0.0.53 is systemd-resolved's, so the agent
/// listens on its own loopback address and resolved routes `~mesh` there).
public struct MeshDNSServer: Service {
    private let channel: any Channel
    private let logger: Logger

    /// Binds `host:port` (port 0 picks one) and answers with `responder`.
    public static func bind(host: String, port: Int, responder: MeshDNSResponder, group: any EventLoopGroup,
                            logger: Logger) async throws -> MeshDNSServer {
        let channel = try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(MeshDNSHandler(responder: responder))
                }
            }
            .bind(host: host, port: port).get()
        logger.info("DNS responder listening", metadata: ["address": "\(channel.localAddress.map { "\($0)" } ?? "?")"])
        return MeshDNSServer(channel: channel, logger: logger)
    }

    /// The bound port.
    public var port: Int? { self.channel.localAddress?.port }

    public func run() async throws {
        try? await gracefulShutdown()
        try? await self.channel.close()
        self.logger.info("DNS responder stopped")
    }
}

/// Answers each datagram with the responder's response, to the address it came from.
final class MeshDNSHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let responder: MeshDNSResponder

    init(responder: MeshDNSResponder) {
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = Self.unwrapInboundIn(data)
        guard let response = self.responder.respond(to: Array(envelope.data.readableBytesView)) else { return }
        let answer = AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: context.channel.allocator.buffer(bytes: response))
        context.writeAndFlush(Self.wrapOutboundOut(answer), promise: nil)
    }
}
