import Synchronization

/// Running totals of requests per router and per service (count, server errors, time spent),
/// for the dashboard's rate and latency plots: a reader takes two readings and divides.
public final class TrafficTally: Sendable {
    /// The totals of one router or service.
    public struct Totals: Sendable, Equatable {
        public var requests = 0
        /// Answers with a 5xx status.
        public var serverErrors = 0
        public var seconds = 0.0
    }

    private let state = Mutex<(routers: [String: Totals], services: [String: Totals])>(([:], [:]))

    public init() {}

    /// Adds one answered request.
    public func record(router: String?, service: String?, status: UInt, duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let failed = status >= 500 ? 1 : 0
        self.state.withLock { state in
            if let router {
                state.routers[router, default: Totals()].add(seconds: seconds, failed: failed)
            }
            if let service {
                state.services[service, default: Totals()].add(seconds: seconds, failed: failed)
            }
        }
    }

    /// The totals so far.
    public var reading: (routers: [String: Totals], services: [String: Totals]) {
        self.state.withLock { $0 }
    }
}

extension TrafficTally.Totals {
    mutating func add(seconds: Double, failed: Int) {
        self.requests += 1
        self.serverErrors += failed
        self.seconds += seconds
    }
}
