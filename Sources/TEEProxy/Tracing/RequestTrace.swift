public import NIOHTTP1
public import Tracing

/// The spans of one request, with Traefik's names and attributes: `EntryPoint` (server), then with
/// `traceVerbosity: detailed` `Router`, one span per middleware (named by its type) and `Service`,
/// each inside the one before; and `ReverseProxy` (client) for each attempt at the server, whose
/// context goes upstream in `traceparent`. All end when the response has gone out.
///
/// A request's trace is used on its connection's event loop only.
public final class RequestTrace: @unchecked Sendable {
    public let settings: TraceSettings
    /// Router, middleware and service spans too (`traceVerbosity: detailed`, the router's or the entry point's).
    public let detailed: Bool
    /// The caller's context (from `traceparent`), parent of the entry point's span.
    private let callerContext: InstrumentationContext
    /// The entry point's span, then the nested ones, in the order they opened.
    private var spans: [any Span] = []
    /// The attempt at the server in progress.
    private var clientSpan: (any Span)?
    private var finished = false
    /// Where the spans go when they end: the tracer hears of them once per event-loop pass.
    private let ends: SpanEndQueue

    /// Starts the entry point's span for `head`, as received on `entryPoint`.
    public init(settings: TraceSettings, detailed: Bool, head: HTTPRequestHead, path: String, query: Substring, entryPoint: String,
                clientAddress: String?, isTLS: Bool, ends: SpanEndQueue) {
        self.settings = settings
        self.detailed = detailed
        self.ends = ends
        self.callerContext = settings.tracer.extract(from: head.headers)
        let span = settings.tracer.startSpan("EntryPoint", kind: .server, parent: self.callerContext, at: DefaultTracerClock.now)
        if span.isRecording {
            span.updateAttributes { attributes in
                attributes["entry_point"] = entryPoint
                attributes["http.request.method"] = head.method.rawValue
                attributes["network.protocol.version"] = Self.protocolVersion(head.version)
                attributes["url.path"] = path
                if query.count > 1 { attributes["url.query"] = settings.redactedQuery(query.dropFirst()) }
                attributes["url.scheme"] = isTLS ? "https" : "http"
                if let host = head.headers.first(name: "host") { attributes["server.address"] = host }
                if let agent = head.headers.first(name: "user-agent") { attributes["user_agent.original"] = agent }
                if let clientAddress { attributes["client.address"] = clientAddress }
                if let length = head.headers.first(name: "content-length").flatMap(Int64.init) {
                    attributes["http.request.body.size"] = length
                }
                for (name, attribute) in settings.requestHeaders {
                    let values = head.headers[name]
                    if !values.isEmpty { attributes[attribute] = values }
                }
            }
        }
        self.spans.append(span)
    }

    /// The context a new span (or the request sent upstream) continues.
    private var context: InstrumentationContext {
        self.spans.last?.context ?? self.callerContext
    }

    /// Opens an internal span inside the last one (detailed traces only).
    public func open(_ name: String, attributes: (inout SpanAttributes) -> Void) {
        guard self.detailed, !self.finished else { return }
        let span = self.settings.tracer.startSpan(name, kind: .internal, parent: self.context, at: DefaultTracerClock.now)
        if span.isRecording { span.updateAttributes(attributes) }
        self.spans.append(span)
    }

    /// The router that took the request: a `Router` span.
    public func routed(router: String, rule: String, service: String) {
        self.open("Router") { attributes in
            attributes["traefik.router.name"] = router
            attributes["traefik.service.name"] = service
            attributes["http.route"] = rule
        }
    }

    /// Starts the `ReverseProxy` client span of an attempt at `server` and writes its context into
    /// `head` (the request as it goes upstream). An earlier attempt's span ends, as failed.
    public func sendingUpstream(_ head: inout HTTPRequestHead, scheme: String, host: String, port: Int) {
        guard !self.finished else { return }
        if let earlier = self.clientSpan {
            earlier.setStatus(SpanStatus(code: .error, message: "no answer; tried again"))
            self.ends.end(earlier)
        }
        let span = self.settings.tracer.startSpan("ReverseProxy", kind: .client, parent: self.context, at: DefaultTracerClock.now)
        if span.isRecording {
            span.updateAttributes { attributes in
                attributes["http.request.method"] = head.method.rawValue
                attributes["network.protocol.version"] = Self.protocolVersion(head.version)
                attributes["url.full"] = "\(scheme)://\(host):\(port)\(head.uri)"
                attributes["url.scheme"] = scheme
                attributes["server.address"] = host
                attributes["server.port"] = Int64(port)
                if let agent = head.headers.first(name: "user-agent") { attributes["user_agent.original"] = agent }
            }
        }
        self.settings.tracer.inject(span.context, into: &head.headers)
        self.clientSpan = span
    }

    /// The server's response head (as it goes to the client): its status on the client span (an
    /// error from 400 on), the captured response headers on the entry point's.
    public func upstreamResponded(_ head: HTTPResponseHead) {
        guard let span = self.clientSpan else { return }
        let code = head.status.code
        span.attributes["http.response.status_code"] = Int64(code)
        if code >= 400 { span.setStatus(SpanStatus(code: .error)) }
        self.captureResponseHeaders(head.headers)
    }

    /// `capturedResponseHeaders` on the entry point's span.
    public func captureResponseHeaders(_ headers: HTTPHeaders) {
        guard !self.settings.responseHeaders.isEmpty, let entry = self.spans.first, entry.isRecording else { return }
        entry.updateAttributes { attributes in
            for (name, attribute) in self.settings.responseHeaders {
                let values = headers[name]
                if !values.isEmpty { attributes[attribute] = values }
            }
        }
    }

    /// The response has gone out (or the client went away, 499): every span ends, the entry
    /// point's with the status (an error from 500 on).
    public func finish(status: UInt) {
        guard !self.finished else { return }
        self.finished = true
        if let client = self.clientSpan {
            if status >= 500, client.attributes["http.response.status_code"] == nil { client.setStatus(SpanStatus(code: .error)) }
            self.ends.end(client)
        }
        for span in self.spans.dropFirst().reversed() {
            if status >= 500 { span.setStatus(SpanStatus(code: .error)) }
            self.ends.end(span)
        }
        guard let entry = self.spans.first else { return }
        if entry.isRecording { entry.attributes["http.response.status_code"] = Int64(status) }
        if status >= 500 { entry.setStatus(SpanStatus(code: .error)) }
        self.ends.end(entry)
    }

    /// `network.protocol.version`: `1.1`, `2`…
    static func protocolVersion(_ version: HTTPVersion) -> String {
        version.minor == 0 && version.major > 1 ? String(version.major) : "\(version.major).\(version.minor)"
    }
}
