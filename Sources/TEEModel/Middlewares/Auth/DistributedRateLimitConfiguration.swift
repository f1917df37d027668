/// `plugin.distributedRateLimit` (Traefik Hub's keys): a token bucket per source refilled at
/// `limit` per `period` and holding `burst`, shared by every proxy of the cluster (through the
/// controllers); a proxy that cannot reach them limits as if it were alone.
public struct DistributedRateLimitConfiguration: Sendable, Equatable {
    public var limit: Int
    public var period: Duration
    public var burst: Int
    /// `responseHeaders`: `X-Rate-Limit-Remaining`, `-Limit`, `-Period` and `-Reset` on responses.
    public var responseHeaders: Bool
    public var sourceCriterion: SourceCriterionConfiguration

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["limit", "period", "burst", "denyOnError", "responseHeaders", "sourceCriterion", "store"])
        if let store = try body.child("store") {
            throw store.error("tee shares the limit through its controllers, not Redis; remove store")
        }
        // denyOnError is read (a boolean) for Traefik's sake; tee always has a local limit to fall back on.
        _ = try body.child("denyOnError")?.bool()
        let period = try body.child("period")?.duration() ?? .seconds(1)
        if period <= .zero, let node = try body.child("period") { throw node.error("the period must be longer than zero") }
        return Self(limit: try body.child("limit")?.int(atLeast: 0) ?? 0, period: period, burst: try body.child("burst")?.int(atLeast: 1) ?? 1,
                    responseHeaders: try body.child("responseHeaders")?.bool() ?? false,
                    sourceCriterion: try SourceCriterionConfiguration.parse(body.child("sourceCriterion")))
    }
}
