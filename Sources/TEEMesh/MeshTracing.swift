import NIOHTTP1
import TEEModel
import TEEProxy
import Tracing

/// The mesh's spans: `Mesh outbound` (client) on the caller's agent and `Mesh inbound` (server) on
/// the destination's, each continuing the `traceparent` it receives and passing its own on, so a
/// request through a proxy and two agents is one trace.
enum MeshTracing {
    /// Starts a span for `head` under the context it carries, and writes the span's context into it.
    static func start(_ tracer: (any RequestTracer)?, _ name: String, kind: SpanKind, head: inout HTTPRequestHead,
                      source: MeshServiceIdentity, destination: MeshServiceIdentity) -> (any Span)? {
        guard let tracer else { return nil }
        let span = tracer.startSpan(name, kind: kind, parent: tracer.extract(from: head.headers), at: DefaultTracerClock.now)
        if span.isRecording {
            let method = head.method.rawValue
            let uri = head.uri
            span.updateAttributes { attributes in
                attributes["tee.mesh.source"] = source.description
                attributes["tee.mesh.destination"] = destination.description
                attributes["http.request.method"] = method
                attributes["url.path"] = uri.firstIndex(of: "?").map { String(uri[..<$0]) } ?? uri
                attributes["server.address"] = destination.dnsName
            }
        }
        tracer.inject(span.context, into: &head.headers)
        return span
    }

    /// Ends `span` with the response's status: an error from 500 on, and from 400 on for a client span.
    static func finish(_ span: (any Span)?, status: UInt, kind: SpanKind) {
        guard let span else { return }
        span.attributes["http.response.status_code"] = Int64(status)
        if status >= 500 || (kind == .client && status >= 400) { span.setStatus(SpanStatus(code: .error)) }
        span.end()
    }
}
