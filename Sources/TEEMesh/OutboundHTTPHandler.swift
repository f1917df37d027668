import NIOCore
import NIOHTTP1
import TEEModel
import Tracing

/// Serves a local client's HTTP requests on a service's virtual IP (or an explicit upstream):
/// the service is the one `Host` names (else the listener's), the source is the service the
/// client's uid runs; requests from a uid the mesh does not know are refused with 403. Each
/// request is routed by the runtime in service when it arrives, so a reload applies at once.
final class OutboundHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = NIOHTTPServerRequestFull
    typealias OutboundOut = HTTPServerResponsePart

    private let uid: UInt32?
    private let listenerService: MeshServiceIdentity
    private let reference: MeshRuntimeReference
    private let forwarder: MeshForwarder

    init(uid: UInt32?, listenerService: MeshServiceIdentity, reference: MeshRuntimeReference, forwarder: MeshForwarder) {
        self.uid = uid
        self.listenerService = listenerService
        self.reference = reference
        self.forwarder = forwarder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let full = self.unwrapInboundIn(data)
        let keepAlive = full.head.isKeepAlive
        let method = full.head.method
        guard let runtime = self.reference.current else {
            context.close(promise: nil)
            return
        }
        guard let source = self.uid.flatMap(runtime.localIdentity(ofUID:)) else {
            let who = self.uid.map { "uid \($0)" } ?? "a client whose uid could not be read"
            MeshResponse.agentAnswer(.forbidden, reason: "unknown-client",
                                     message: "\(who) runs no service registered on node \(runtime.settings.node); register it as an instance's uid")
                .write(to: context, keepAlive: false, requestMethod: method)
            return
        }
        let requested = full.head.headers.first(name: "host").flatMap(runtime.service(forHost:)) ?? self.listenerService
        var request = MeshRequest(full)
        request.head.headers.removeIfPresent(name: MeshRequest.sourceHeader)  // only the destination agent says who called
        let span = MeshTracing.start(self.forwarder.tracer, "Mesh outbound", kind: .client, head: &request.head,
                                     source: source, destination: requested)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        self.forwarder.forward(request, from: source, to: requested, runtime: runtime, on: context.eventLoop) { response in
            response.write(to: loopBound.value, keepAlive: keepAlive, requestMethod: method)
            MeshTracing.finish(span, status: response.head.status.code, kind: .client)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
