public import NIOCore
import Tracing

/// Spans ended on one event loop, handed to the tracer together once per pass of the loop: the
/// tracer wakes its exporting task for each span it is given while that task sleeps, so spans
/// ended one by one cost a thread switch each. Each keeps the time it really ended.
public final class SpanEndQueue: @unchecked Sendable {
    private let eventLoop: any EventLoop
    private var pending: [(span: any Span, at: DefaultTracerClock.Instant)] = []

    public init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Ends `span` now, as far as its timing goes; the tracer hears of it at the end of this loop pass.
    func end(_ span: any Span) {
        let now = DefaultTracerClock.now
        if self.pending.isEmpty {
            self.eventLoop.execute { self.flush() }
        }
        self.pending.append((span, now))
    }

    private func flush() {
        let spans = self.pending
        self.pending.removeAll(keepingCapacity: true)
        for (span, instant) in spans { span.end(at: instant) }
    }
}
