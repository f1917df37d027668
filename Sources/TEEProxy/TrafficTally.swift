#if canImport(Glibc)
import Glibc
#endif
import Synchronization
public import TEEModel

/// Running totals of requests per router and per service (count, server errors, time spent),
/// for the dashboard's rate and latency plots: a reader takes two readings and divides.
///
/// Every answered request is recorded, so the totals are kept in shards picked by thread: the
/// event loops rarely wait for one another's lock.
public final class TrafficTally: Sendable {
    private final class Shard: Sendable {
        let counts = Mutex<(routers: [String: TrafficCount], services: [String: TrafficCount])>(([:], [:]))
    }

    /// Eight: the thread hash below keeps three bits.
    private let shards = (0..<8).map { _ in Shard() }

    public init() {}

    /// Adds one answered request.
    public func record(router: String?, service: String?, status: UInt, duration: Duration) {
        let added = TrafficCount(requests: 1, serverErrors: status >= 500 ? 1 : 0,
                                 seconds: duration.secondsValue)
        // Fibonacci hashing of the thread's handle (an address: its low bits are alike across threads).
        let shard = self.shards[Int((UInt(pthread_self()) &* 0x9E37_79B9_7F4A_7C15) >> 61)]
        shard.counts.withLock { counts in
            if let router { counts.routers[router] = (counts.routers[router] ?? TrafficCount()) + added }
            if let service { counts.services[service] = (counts.services[service] ?? TrafficCount()) + added }
        }
    }

    /// The totals so far.
    public var reading: (routers: [String: TrafficCount], services: [String: TrafficCount]) {
        var total: (routers: [String: TrafficCount], services: [String: TrafficCount]) = ([:], [:])
        for shard in self.shards {
            let counts = shard.counts.withLock { $0 }
            total.routers.merge(counts.routers, uniquingKeysWith: +)
            total.services.merge(counts.services, uniquingKeysWith: +)
        }
        return total
    }
}
