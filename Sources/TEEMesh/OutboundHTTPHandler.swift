import NIOCore
import NIOHTTP1
import TEEModel

/// Serves a local client's HTTP requests on a service's virtual IP (or an explicit upstream):
/// the service is the one `Host` names (else the listener's), the source is the service the
/// client's uid runs; requests from a uid the mesh does not know are refused with 403.
final class OutboundHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = NIOHTTPServerRequestFull
    typealias OutboundOut = HTTPServerResponsePart

    private let source: MeshServiceIdentity?
    private let uid: UInt32?
    private let listenerService: MeshServiceIdentity
    private let runtime: MeshRuntime
    private let forwarder: MeshForwarder

    init(source: MeshServiceIdentity?, uid: UInt32?, listenerService: MeshServiceIdentity, runtime: MeshRuntime, forwarder: MeshForwarder) {
        self.source = source
        self.uid = uid
        self.listenerService = listenerService
        self.runtime = runtime
        self.forwarder = forwarder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let full = self.unwrapInboundIn(data)
        let keepAlive = full.head.isKeepAlive
        guard let source = self.source else {
            let who = self.uid.map { "uid \($0)" } ?? "a client whose uid could not be read"
            MeshResponse.agentAnswer(.forbidden, reason: "unknown-client",
                                     message: "\(who) runs no service registered on node \(self.runtime.settings.node); register it as an instance's uid")
                .write(to: context, keepAlive: false)
            return
        }
        let requested = full.head.headers.first(name: "host").flatMap(self.runtime.service(forHost:)) ?? self.listenerService
        var request = MeshRequest(full)
        request.head.headers.remove(name: MeshRequest.sourceHeader)  // only the destination agent says who called
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        self.forwarder.forward(request, from: source, to: requested, runtime: self.runtime, on: context.eventLoop).whenSuccess { response in
            response.write(to: loopBound.value, keepAlive: keepAlive)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
