import NIOCore
import NIOSSL
import TEEModel
import TEEProxy

/// The first handler of a connection to the inter-agent port: reads the TLS ClientHello's
/// server name (the destination service's `.mesh` name), answers with that service's
/// certificate and requires the caller's, whose SPIFFE ID names the source service. Anything
/// that is not TLS, names no service on this node, or brings no certificate from the cluster
/// CA is closed.
final class InboundConnectionSetup: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let runtime: MeshRuntime
    private let agent: MeshAgentState
    private var buffer: ByteBuffer?
    private var destination: MeshServiceIdentity?

    init(runtime: MeshRuntime, agent: MeshAgentState) {
        self.runtime = runtime
        self.agent = agent
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = self.unwrapInboundIn(data)
        if self.buffer == nil { self.buffer = incoming } else { self.buffer!.writeBuffer(&incoming) }
        switch ClientHelloServerName.parse(self.buffer!) {
        case .incomplete:
            if self.buffer!.readableBytes > ClientHelloServerName.maximumRecordLength + 5 { context.close(promise: nil) }
        case .read(let serverName, _):
            guard let serverName, let (service, tls) = self.runtime.serverContexts[serverName.lowercased()] else {
                context.close(promise: nil)  // not TLS, or no service of this node by that name
                return
            }
            do {
                let identity = PeerIdentityHandler(destination: service, runtime: self.runtime, agent: self.agent)
                let tlsHandler = NIOSSLServerHandler(context: tls)
                try context.pipeline.syncOperations.addHandler(tlsHandler, position: .after(self))
                try context.pipeline.syncOperations.addHandler(WriteCoalescingHandler(), position: .after(tlsHandler))
                try context.pipeline.syncOperations.addHandler(identity, position: .last)
            } catch {
                context.close(promise: nil)
                return
            }
            let buffered = self.buffer!
            self.buffer = nil
            context.fireChannelRead(NIOAny(buffered))
            context.pipeline.removeHandler(context: context, promise: nil)
        }
    }
}
