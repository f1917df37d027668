/// Our addition to SMI: how clients treat a destination service (retries, rate limit, circuit
/// breaking, timeouts). Each part is optional.
public struct ServicePolicy: Sendable, Equatable {
    public struct Retries: Sendable, Equatable {
        /// Attempts after the first.
        public var attempts: Int
        /// The share of requests that may be retries (0–100), so retries cannot multiply load.
        public var budgetPercent: Int

        public init(attempts: Int, budgetPercent: Int) {
            self.attempts = attempts
            self.budgetPercent = budgetPercent
        }
    }

    public struct RateLimit: Sendable, Equatable {
        /// Requests per second on average.
        public var average: Int
        public var burst: Int

        public init(average: Int, burst: Int) {
            self.average = average
            self.burst = burst
        }
    }

    public struct CircuitBreaker: Sendable, Equatable {
        /// Consecutive 5xx answers after which an instance is ejected.
        public var consecutive5xx: Int
        /// How often ejections are reconsidered.
        public var interval: Duration
        /// How long a first ejection lasts (doubling with each ejection in a row).
        public var baseEjectionTime: Duration
        /// At most this share of instances (0–100) is ejected at a time.
        public var maxEjectionPercent: Int

        public init(consecutive5xx: Int, interval: Duration, baseEjectionTime: Duration, maxEjectionPercent: Int) {
            self.consecutive5xx = consecutive5xx
            self.interval = interval
            self.baseEjectionTime = baseEjectionTime
            self.maxEjectionPercent = maxEjectionPercent
        }
    }

    public struct Timeouts: Sendable, Equatable {
        public var request: Duration?
        public var connect: Duration?

        public init(request: Duration?, connect: Duration?) {
            self.request = request
            self.connect = connect
        }
    }

    public var name: String
    public var namespace: String
    public var service: MeshServiceIdentity
    public var retries: Retries?
    public var rateLimit: RateLimit?
    public var circuitBreaker: CircuitBreaker?
    public var timeouts: Timeouts?

    public init(name: String, namespace: String, service: MeshServiceIdentity, retries: Retries? = nil, rateLimit: RateLimit? = nil,
                circuitBreaker: CircuitBreaker? = nil, timeouts: Timeouts? = nil) {
        self.name = name
        self.namespace = namespace
        self.service = service
        self.retries = retries
        self.rateLimit = rateLimit
        self.circuitBreaker = circuitBreaker
        self.timeouts = timeouts
    }
}
