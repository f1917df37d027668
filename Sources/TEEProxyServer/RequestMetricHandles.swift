import Prometheus

/// The counters and histograms one request updates.
struct RequestMetricHandles: Sendable {
    struct Group: Sendable {
        let requests: Counter
        let duration: DurationHistogram
        let requestBytes: Counter
        let responseBytes: Counter
        /// `*_requests_tls_total` for the request's TLS version and cipher; nil without TLS.
        let tlsRequests: Counter?
    }

    var groups: [Group] = []

    func record(duration: Duration, requestBytes: Int, responseBytes: Int) {
        for group in self.groups {
            group.requests.increment()
            group.tlsRequests?.increment()
            group.duration.record(duration)
            if requestBytes > 0 { group.requestBytes.increment(by: Int64(requestBytes)) }
            if responseBytes > 0 { group.responseBytes.increment(by: Int64(responseBytes)) }
        }
    }
}
