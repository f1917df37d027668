import NIOHTTP1
import Synchronization
public import TEEModel

/// `rateLimit`: a token bucket per source (`sourceCriterion`), refilled at `average` requests
/// per `period` and holding `burst`; a request that finds its bucket empty gets 429 with
/// `Retry-After`. Buckets that have refilled completely are forgotten, so idle sources cost nothing.
public final class RateLimitMiddleware: RequestMiddleware {
    public let configuration: RateLimitConfiguration
    private let criterion: SourceCriterion
    private let rate: Double
    private let buckets = Mutex<[String: TokenBucket]>([:])

    /// How many sources to track before sweeping out full buckets.
    private static let sweepThreshold = 10_000

    public init(_ configuration: RateLimitConfiguration) {
        self.configuration = configuration
        self.criterion = SourceCriterion(configuration.sourceCriterion)
        self.rate = Double(configuration.average) / configuration.period.secondsValue
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        guard self.rate > 0 else { return .proceed }  // average 0: no limit, as in Traefik
        let source = self.criterion.source(of: request)
        let now = ContinuousClock.now
        let wait = self.buckets.withLock { buckets -> Duration? in
            if buckets.count > Self.sweepThreshold {
                buckets = buckets.filter { _, bucket in
                    var bucket = bucket
                    return !bucket.isFull(now: now)
                }
            }
            var bucket = buckets[source] ?? TokenBucket(capacity: Double(self.configuration.burst), rate: self.rate, now: now)
            let wait = bucket.take(now: now)
            buckets[source] = bucket
            return wait
        }
        guard let wait else { return .proceed }
        var headers = HTTPHeaders()
        let seconds = max(1, Int(wait.secondsValue.rounded(.up)))
        headers.add(name: "Retry-After", value: String(seconds))
        return .respond(SyntheticResponse(status: .tooManyRequests, headers: headers, body: "Too Many Requests"))
    }
}
