import NIOHTTP1
import Synchronization
public import TEEModel

/// `plugin.distributedRateLimit`: a token bucket per source (`sourceCriterion`) refilled at
/// `limit` per `period`, holding `burst` — across the cluster: each proxy's bucket fills at its
/// share of the rate (``RateLimitDemand``), so that together they let `limit` through. A request
/// that finds its bucket empty gets 429 with `Retry-After`.
public final class DistributedRateLimitMiddleware: RequestMiddleware {
    private let configuration: DistributedRateLimitConfiguration
    private let name: String
    private let criterion: SourceCriterion
    private let rate: Double
    private let periodSeconds: Double
    private let demand: RateLimitDemand
    private let buckets = Mutex<[String: TokenBucket]>([:])
    private static let sweepThreshold = 10_000

    public init(_ configuration: DistributedRateLimitConfiguration, name: String, demand: RateLimitDemand) {
        self.configuration = configuration
        self.name = name
        self.criterion = SourceCriterion(configuration.sourceCriterion)
        self.periodSeconds = configuration.period.secondsValue
        self.rate = Double(configuration.limit) / self.periodSeconds
        self.demand = demand
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        guard self.rate > 0 else { return .proceed }  // limit 0: no limit
        let key = "\(self.name)\t\(self.criterion.source(of: request))"
        let share = self.demand.offer(key)
        let rate = self.rate * share
        let capacity = max(1, Double(self.configuration.burst) * share)
        let now = ContinuousClock.now
        let (allowed, remaining) = self.buckets.withLock { buckets -> (Bool, Double) in
            if buckets.count > Self.sweepThreshold {
                buckets = buckets.filter { _, bucket in
                    var bucket = bucket
                    return !bucket.isFull(now: now)
                }
            }
            var bucket = buckets[key] ?? TokenBucket(capacity: capacity, rate: rate, now: now)
            // This proxy's share of the limit may have changed since the last request.
            bucket.capacity = capacity
            bucket.rate = rate
            let allowed = bucket.take(now: now) == nil
            buckets[key] = bucket
            return (allowed, bucket.tokens)
        }
        // At most a day, as the bucket's own wait: a rate near zero must not overflow.
        let reset = rate > 0 ? min(max(0, (1 - remaining) / rate), 86_400) : self.periodSeconds
        var headers: [(name: String, value: String)] = []
        if self.configuration.responseHeaders {
            headers = [("X-Rate-Limit-Remaining", String(Int(remaining))), ("X-Rate-Limit-Limit", String(self.configuration.limit)),
                       ("X-Rate-Limit-Period", String(Int(self.periodSeconds.rounded(.up)))), ("X-Rate-Limit-Reset", String(Int(reset.rounded(.up))))]
        }
        guard !allowed else {
            request.responseHeaders += headers
            return .proceed
        }
        var answer = HTTPHeaders(headers)
        answer.add(name: "Retry-After", value: String(max(1, Int(reset.rounded(.up)))))
        return .respond(SyntheticResponse(status: .tooManyRequests, headers: answer, body: "Too Many Requests"))
    }
}
