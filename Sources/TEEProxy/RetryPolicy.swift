/// How a request is tried again when no server answered it (the `retry` middleware).
public struct RetryPolicy: Sendable {
    /// Tries in all, the first included.
    public let attempts: Int
    /// The wait before the second try; each later wait doubles it.
    public let initialInterval: Duration

    public init(attempts: Int, initialInterval: Duration) {
        self.attempts = attempts
        self.initialInterval = initialInterval
    }

    /// The wait before try number `attempt` (2 for the first retry).
    public func delay(beforeAttempt attempt: Int) -> Duration {
        guard attempt > 1, self.initialInterval > .zero else { return .zero }
        return self.initialInterval * (1 << min(attempt - 2, 20))
    }
}
