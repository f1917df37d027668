/// A token bucket: holds up to `capacity` tokens, refilled at `rate` tokens per second.
public struct TokenBucket: Sendable {
    /// Both may change between takes (a distributed rate limit's share of its limit).
    var capacity: Double
    var rate: Double
    private(set) var tokens: Double
    private var updated: ContinuousClock.Instant

    public init(capacity: Double, rate: Double, now: ContinuousClock.Instant) {
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.updated = now
    }

    /// Takes a token if there is one; otherwise says how long until there will be.
    public mutating func take(now: ContinuousClock.Instant) -> Duration? {
        self.refill(now: now)
        if self.tokens >= 1 {
            self.tokens -= 1
            return nil
        }
        // At most a day: a rate near zero (a tiny share of a distributed limit) must not overflow.
        return .nanoseconds(Int64(min((1 - self.tokens) / self.rate, 86_400) * 1e9))
    }

    /// Whether the bucket has refilled completely (and so can be forgotten).
    mutating func isFull(now: ContinuousClock.Instant) -> Bool {
        self.refill(now: now)
        return self.tokens >= self.capacity
    }

    private mutating func refill(now: ContinuousClock.Instant) {
        self.tokens = min(self.capacity, self.tokens + (now - self.updated).secondsValue * self.rate)
        self.updated = now
    }
}
