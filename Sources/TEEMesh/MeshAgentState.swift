/// What an agent keeps across configuration reloads: the reference to the runtime in service,
/// connection pools, the circuit breaker's and rate limiter's state, the retry budget and the metrics.
public final class MeshAgentState: Sendable {
    public let reference = MeshRuntimeReference()
    let pools = MeshConnectionPools()
    let detector = MeshOutlierDetector()
    let rateLimiter = MeshRateLimiter()
    let budget = MeshRetryBudget()
    public let metrics = MeshMetrics()
    let forwarder: MeshForwarder

    public init() {
        self.forwarder = MeshForwarder(pools: self.pools, detector: self.detector, budget: self.budget, metrics: self.metrics)
    }
}
