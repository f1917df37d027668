public import TEEProxy

/// What an agent keeps across configuration reloads: the reference to the runtime in service,
/// connection pools, the circuit breaker's and rate limiter's state, the retry budget, the metrics and the tracer.
public final class MeshAgentState: Sendable {
    public let reference = MeshRuntimeReference()
    let pools = MeshConnectionPools()
    let detector = MeshOutlierDetector()
    let rateLimiter = MeshRateLimiter()
    let budget = MeshRetryBudget()
    public let metrics = MeshMetrics()
    let forwarder: MeshForwarder
    /// `tracing`: the agent's spans; nil when the agent's file has none.
    let tracer: (any RequestTracer)?

    public init(tracer: (any RequestTracer)? = nil) {
        self.tracer = tracer
        self.forwarder = MeshForwarder(pools: self.pools, detector: self.detector, budget: self.budget, metrics: self.metrics,
                                       tracer: tracer)
    }
}
