public import NIOHTTP1
public import Tracing

/// Starts the spans of requests and carries their context in HTTP headers (W3C `traceparent`).
/// The daemons give an OpenTelemetry tracer (TEEOpenTelemetry); the request path only sees this.
public protocol RequestTracer: Sendable {
    /// Starts a span under `parent` (the top level for a new trace) that began at `start`.
    func startSpan(_ name: String, kind: SpanKind, parent: InstrumentationContext, at start: DefaultTracerClock.Instant) -> any Span
    /// The caller's trace context from `traceparent`/`tracestate`, or the top level without them.
    func extract(from headers: HTTPHeaders) -> InstrumentationContext
    /// Writes `context` (a span's) into `headers` as `traceparent`/`tracestate`, replacing any there.
    func inject(_ context: InstrumentationContext, into headers: inout HTTPHeaders)
}
