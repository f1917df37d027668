import Synchronization
import TEEModel
import TEEProxy

/// Turns a proxy's running totals into the samples it reports to its controller: what each
/// router and service answered since the previous sample (the busiest ``limit`` of each).
final class TrafficReporter: Sendable {
    let tally: TrafficTally
    private let previous: Mutex<(time: ContinuousClock.Instant, routers: [String: TrafficCount], services: [String: TrafficCount])>
    /// The most objects of each kind one sample carries.
    static let limit = 2000

    init(tally: TrafficTally) {
        self.tally = tally
        let reading = tally.reading
        self.previous = Mutex((ContinuousClock.now, reading.routers, reading.services))
    }

    /// What was answered since the last call.
    func sample() -> TrafficSample {
        let reading = self.tally.reading
        let now = ContinuousClock.now
        return self.previous.withLock { previous in
            let elapsed = now - previous.time
            let sample = TrafficSample(
                intervalSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                routers: Self.busiest(TrafficSample.between(previous.routers, reading.routers)),
                services: Self.busiest(TrafficSample.between(previous.services, reading.services))
            )
            previous = (now, reading.routers, reading.services)
            return sample
        }
    }

    private static func busiest(_ counts: [String: TrafficCount]) -> [String: TrafficCount] {
        guard counts.count > Self.limit else { return counts }
        return Dictionary(uniqueKeysWithValues: counts.sorted { $0.value.requests > $1.value.requests }.prefix(Self.limit).map { ($0.key, $0.value) })
    }
}
