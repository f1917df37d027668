/// `retry`: tries a request up to `attempts` times while no server answers, waiting
/// `initialInterval`, then twice as long, between tries.
public struct RetryConfiguration: Sendable, Equatable {
    public var attempts: Int
    public var initialInterval: Duration

    public init(attempts: Int, initialInterval: Duration = .milliseconds(100)) {
        self.attempts = attempts
        self.initialInterval = initialInterval
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["attempts", "initialInterval", "timeout", "maxRequestBodyBytes", "status", "disableRetryOnNetworkError", "retryNonIdempotentMethod"])
        for key in ["timeout", "maxRequestBodyBytes", "status", "disableRetryOnNetworkError", "retryNonIdempotentMethod"] {
            if let node = try body.child(key) { throw node.error("\(key) is not supported; tee retries only when no server answered") }
        }
        guard let attempts = try body.child("attempts") else { throw body.error("missing attempts: how many times to try in all") }
        return Self(attempts: try attempts.int(atLeast: 1),
                    initialInterval: try body.child("initialInterval")?.duration() ?? .milliseconds(100))
    }
}
