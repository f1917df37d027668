import NIOHTTP1
import TEEProxy
import Tracing

/// A swift-distributed-tracing tracer (swift-otel's) as the request path's ``RequestTracer``.
struct OpenTelemetryTracer<Backend: Tracer>: RequestTracer {
    let backend: Backend

    func startSpan(_ name: String, kind: SpanKind, parent: InstrumentationContext, at start: DefaultTracerClock.Instant) -> any Span {
        self.backend.startSpan(name, context: parent, ofKind: kind, at: start)
    }

    func extract(from headers: HTTPHeaders) -> InstrumentationContext {
        var context = InstrumentationContext.topLevel
        self.backend.extract(headers, into: &context, using: HeaderExtractor())
        return context
    }

    func inject(_ context: InstrumentationContext, into headers: inout HTTPHeaders) {
        self.backend.inject(context, into: &headers, using: HeaderInjector())
    }
}

/// Reads `traceparent` and `tracestate` from NIO's headers.
struct HeaderExtractor: Extractor {
    func extract(key: String, from carrier: HTTPHeaders) -> String? {
        carrier.first(name: key)
    }
}

/// Writes `traceparent` and `tracestate`, replacing what the client sent.
struct HeaderInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout HTTPHeaders) {
        carrier.replaceOrAdd(name: key, value: value)
    }
}
