import NIOHTTP1
public import TEEModel

/// `retry`: marks the request to be tried again, on the next server the service picks, when no
/// server answered. A try that failed before anything was sent is always repeated; one that failed
/// after the request went out only for idempotent methods without a body, which can be replayed safely.
public struct RetryMiddleware: RequestMiddleware {
    public let policy: RetryPolicy

    public init(_ configuration: RetryConfiguration) {
        self.policy = RetryPolicy(attempts: configuration.attempts, initialInterval: configuration.initialInterval)
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        request.retryPolicy = self.policy
        return .proceed
    }
}
