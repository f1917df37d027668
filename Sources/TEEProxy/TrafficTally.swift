import Synchronization
public import TEEModel

/// Running totals of requests per router and per service (count, server errors, time spent),
/// for the dashboard's rate and latency plots: a reader takes two readings and divides.
public final class TrafficTally: Sendable {
    private let state = Mutex<(routers: [String: TrafficCount], services: [String: TrafficCount])>(([:], [:]))

    public init() {}

    /// Adds one answered request.
    public func record(router: String?, service: String?, status: UInt, duration: Duration) {
        let added = TrafficCount(requests: 1, serverErrors: status >= 500 ? 1 : 0,
                                 seconds: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        self.state.withLock { state in
            if let router { state.routers[router] = (state.routers[router] ?? TrafficCount()) + added }
            if let service { state.services[service] = (state.services[service] ?? TrafficCount()) + added }
        }
    }

    /// The totals so far.
    public var reading: (routers: [String: TrafficCount], services: [String: TrafficCount]) {
        self.state.withLock { $0 }
    }
}
