/// `rateLimit`: a token bucket per source, refilled at `average` requests per `period`, holding `burst`.
public struct RateLimitConfiguration: Sendable, Equatable {
    public var average: Int
    public var period: Duration
    public var burst: Int
    public var sourceCriterion: SourceCriterionConfiguration

    public init(average: Int, period: Duration = .seconds(1), burst: Int = 1, sourceCriterion: SourceCriterionConfiguration = .remoteAddress) {
        self.average = average
        self.period = period
        self.burst = burst
        self.sourceCriterion = sourceCriterion
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["average", "period", "burst", "sourceCriterion", "redis"])
        if let redis = try body.child("redis") { throw redis.error("a Redis-backed rateLimit is not supported; remove redis to limit per proxy") }
        let period = try body.child("period")?.duration() ?? .seconds(1)
        if period <= .zero, let node = try body.child("period") { throw node.error("the period must be longer than zero") }
        return Self(average: try body.child("average")?.int(atLeast: 0) ?? 0, period: period,
                    burst: try body.child("burst")?.int(atLeast: 1) ?? 1,
                    sourceCriterion: try SourceCriterionConfiguration.parse(body.child("sourceCriterion")))
    }
}
