import NIOCore
import NIOHTTP1
import TEEModel
import Tracing

/// Serves requests that another agent (or this one) sends to a service on this node, after mTLS
/// told who sends them: allowed only by a `TrafficTarget` (deny by default, 403), within the
/// service's rate limit (429), then forwarded to the local instance with the caller's SPIFFE ID
/// in `x-tee-mesh-source`. Each request is checked against the runtime in service when it
/// arrives, so a policy change applies to connections already open.
final class InboundHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = NIOHTTPServerRequestFull
    typealias OutboundOut = HTTPServerResponsePart

    private let source: MeshServiceIdentity
    /// The source's SPIFFE ID, for `x-tee-mesh-source` (the connection's, so made once).
    private let sourceID: String
    private let destination: MeshServiceIdentity
    private let reference: MeshRuntimeReference
    private let agent: MeshAgentState

    /// How long the local instance may take to accept a connection.
    static let localConnectTimeout = TimeAmount.seconds(2)

    init(source: MeshServiceIdentity, cluster: String, destination: MeshServiceIdentity, reference: MeshRuntimeReference, agent: MeshAgentState) {
        self.source = source
        self.sourceID = source.spiffeID(cluster: cluster)
        self.destination = destination
        self.reference = reference
        self.agent = agent
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let started = ContinuousClock.now
        let full = self.unwrapInboundIn(data)
        let keepAlive = full.head.isKeepAlive
        let method = full.head.method
        let destination = self.destination
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        var forwarded = MeshRequest(full)
        let span = MeshTracing.start(self.agent.tracer, "Mesh inbound", kind: .server, head: &forwarded.head,
                                     source: self.source, destination: destination)
        let respond: @Sendable (MeshResponse) -> Void = { [source, agent] response in
            response.write(to: loopBound.value, keepAlive: keepAlive, requestMethod: method)
            MeshTracing.finish(span, status: response.head.status.code, kind: .server)
            // Counted after the answer is on its way: the client need not wait for the bookkeeping.
            agent.metrics.record(direction: "inbound", source: source, destination: destination, code: String(response.head.status.code),
                                 duration: .now - started)
        }
        guard let runtime = self.reference.current, let instance = runtime.localInstances[destination] else {
            respond(.agentAnswer(.serviceUnavailable, reason: "not-here", message: "\(destination) no longer runs on this node"))
            return
        }
        let uri = full.head.uri
        let path = uri.firstIndex(of: "?").map { String(uri[..<$0]) } ?? uri
        var headers: [String: String] = [:]
        if runtime.policyReadsHeaders {
            for (name, value) in full.head.headers where headers[name.lowercased()] == nil { headers[name.lowercased()] = value }
        }
        guard runtime.configuration.allows(self.source, to: destination,
                                                request: MeshHTTPRequest(method: full.head.method.rawValue, path: path, headers: headers)) else {
            respond(.agentAnswer(.forbidden, reason: "denied", message: "no TrafficTarget lets \(self.source) send \(full.head.method.rawValue) \(path) to \(destination)"))
            return
        }
        guard self.agent.rateLimiter.admit(destination, limit: runtime.configuration.policy(for: destination)?.rateLimit) else {
            respond(.agentAnswer(.tooManyRequests, reason: "rate-limited", message: "\(destination) is over its rate limit"))
            return
        }
        forwarded.head.headers.replaceOrAdd(name: MeshRequest.sourceHeader, value: self.sourceID)
        let request = forwarded
        let pool = self.agent.pools.pool(for: context.eventLoop)
        let port = instance.port
        pool.exchange(request, key: .local(port: port), tls: nil, serverName: nil,
                      connectTimeout: Self.localConnectTimeout)
            .whenComplete { result in
                switch result {
                case .success(let response):
                    respond(MeshResponse(response))
                case .failure(let error):
                    respond(.agentAnswer(.badGateway, reason: "instance-unreachable", message: "\(destination)'s instance on 127.0.0.1:\(port): \(error)"))
                }
            }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
