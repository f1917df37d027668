import Prometheus

/// The counters and histograms one request updates.
struct RequestMetricHandles: Sendable {
    struct Group: Sendable {
        let requests: Counter
        let duration: DurationHistogram
        let requestBytes: Counter
        let responseBytes: Counter
    }

    var groups: [Group] = []

    func record(duration: Duration, requestBytes: Int, responseBytes: Int) {
        for group in self.groups {
            group.requests.increment()
            group.duration.record(duration)
            if requestBytes > 0 { group.requestBytes.increment(by: Int64(requestBytes)) }
            if responseBytes > 0 { group.responseBytes.increment(by: Int64(responseBytes)) }
        }
    }
}
