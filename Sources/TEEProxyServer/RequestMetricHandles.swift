
/// The counters and histograms one request updates.
struct RequestMetricHandles: Sendable {
    struct Group: Sendable {
        let requests: SinkCounter
        let duration: SinkDurations
        let requestBytes: SinkCounter
        let responseBytes: SinkCounter
        /// `*_requests_tls_total` for the request's TLS version and cipher; nil without TLS.
        let tlsRequests: SinkCounter?
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
