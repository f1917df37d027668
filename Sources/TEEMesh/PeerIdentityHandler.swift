import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOTLS
import TEEModel
import SwiftASN1
import X509

/// Waits for the TLS handshake, reads the caller's SPIFFE ID from its certificate, then sets the
/// connection up for the destination's protocol.
final class PeerIdentityHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let destination: MeshServiceIdentity
    private let runtime: MeshRuntime
    private let agent: MeshAgentState

    init(destination: MeshServiceIdentity, runtime: MeshRuntime, agent: MeshAgentState) {
        self.destination = destination
        self.runtime = runtime
        self.agent = agent
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case TLSUserEvent.handshakeCompleted = event else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard let source = self.peerService(context: context), let instance = self.runtime.localInstances[self.destination],
              let service = self.runtime.configuration.service(self.destination) else {
            context.close(promise: nil)
            return
        }
        do {
            switch service.serviceProtocol {
            case .http:
                try context.pipeline.syncOperations.configureHTTPServerPipeline(position: .after(self), withPipeliningAssistance: false,
                                                                                withErrorHandling: true)
                try context.pipeline.syncOperations.addHandler(NIOHTTPServerRequestAggregator(maxContentLength: MeshConnectionPool.maximumResponseBytes))
                try context.pipeline.syncOperations.addHandler(MeshRequestSequencer())
                try context.pipeline.syncOperations.addHandler(InboundHTTPHandler(source: source, cluster: self.runtime.settings.clusterName,
                                                                                  destination: self.destination,
                                                                                  reference: self.agent.reference, agent: self.agent))
                context.pipeline.removeHandler(context: context, promise: nil)
            case .tcp:
                let started = ContinuousClock.now
                let allowed = self.runtime.configuration.allows(source, to: self.destination, port: service.port)
                self.agent.metrics.record(direction: "inbound", source: source, destination: self.destination, code: allowed ? "tcp" : "denied",
                                          duration: .now - started)
                guard allowed else {
                    context.close(promise: nil)
                    return
                }
                let bridge = MeshTCPBridge { eventLoop in
                    ClientBootstrap(group: eventLoop)
                        .connectTimeout(InboundHTTPHandler.localConnectTimeout)
                        .channelOption(.autoRead, value: false)
                        .connect(host: "127.0.0.1", port: instance.port)
                }
                try context.pipeline.syncOperations.addHandler(bridge, position: .after(self))
                context.pipeline.removeHandler(context: context, promise: nil)
            }
        } catch {
            context.close(promise: nil)
        }
    }

    /// The service the peer's certificate names, if it is from this cluster.
    private func peerService(context: ChannelHandlerContext) -> MeshServiceIdentity? {
        guard let handler = try? context.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self),
              let peer = handler.peerCertificate, let der = try? peer.toDERBytes(),
              let certificate = try? Certificate(derEncoded: der),
              let names = try? certificate.extensions.subjectAlternativeNames else { return nil }
        for name in names {
            if case .uniformResourceIdentifier(let uri) = name, let identity = MeshServiceIdentity(spiffeID: uri, cluster: self.runtime.settings.clusterName) {
                return identity
            }
        }
        return nil
    }
}
