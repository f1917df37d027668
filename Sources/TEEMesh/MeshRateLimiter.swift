import Synchronization
public import TEEModel
import TEEProxy

/// Rate limits per destination service, enforced by the destination's agent: a token bucket of
/// `burst` tokens refilled at `average` per second. Kept across configuration reloads while the
/// limit stays the same.
public final class MeshRateLimiter: Sendable {
    private let buckets = Mutex<[MeshServiceIdentity: (limit: ServicePolicy.RateLimit, bucket: TokenBucket)]>([:])

    public init() {}

    /// Whether a request to `service` may go ahead now (always, without a limit).
    public func admit(_ service: MeshServiceIdentity, limit: ServicePolicy.RateLimit?, now: ContinuousClock.Instant = .now) -> Bool {
        guard let limit else { return true }
        return self.buckets.withLock { buckets in
            var entry = buckets[service]
            if entry?.limit != limit {
                entry = (limit, TokenBucket(capacity: Double(max(1, limit.burst)), rate: Double(limit.average), now: now))
            }
            let admitted = entry!.bucket.take(now: now) == nil
            buckets[service] = entry
            return admitted
        }
    }
}
