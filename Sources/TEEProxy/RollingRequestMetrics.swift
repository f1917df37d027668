public import TEEModel

/// What the last ten seconds of requests looked like, in one-second buckets: how many, how many
/// could not reach their server, their statuses and latencies. A circuit breaker's expression is
/// evaluated over it.
struct RollingRequestMetrics {
    private struct Bucket {
        var second: Int64 = -1
        var total = 0
        var networkErrors = 0
        var statuses: [UInt: Int] = [:]
        var latenciesMS: [Double] = []
    }

    /// Seconds of history.
    static let window = 10
    /// Latencies kept per second; beyond this the rest of that second is not sampled.
    static let latencySamplesPerSecond = 1_000

    private var buckets = Array(repeating: Bucket(), count: Self.window)

    mutating func record(_ outcome: RequestOutcome, second: Int64) {
        let index = Int(second % Int64(Self.window))
        if self.buckets[index].second != second { self.buckets[index] = Bucket(second: second) }
        self.buckets[index].total += 1
        if outcome.upstreamFailed { self.buckets[index].networkErrors += 1 }
        self.buckets[index].statuses[outcome.status, default: 0] += 1
        if self.buckets[index].latenciesMS.count < Self.latencySamplesPerSecond {
            let duration = outcome.duration.components
            self.buckets[index].latenciesMS.append(Double(duration.seconds) * 1000 + Double(duration.attoseconds) / 1e15)
        }
    }

    mutating func reset() {
        self.buckets = Array(repeating: Bucket(), count: Self.window)
    }

    /// The value of `metric` over the window ending at `second`.
    func value(of metric: CircuitBreakerExpression.Metric, second: Int64) -> Double {
        let recent = self.buckets.filter { $0.second > second - Int64(Self.window) && $0.second <= second }
        switch metric {
        case .networkErrorRatio:
            let total = recent.reduce(0) { $0 + $1.total }
            return total == 0 ? 0 : Double(recent.reduce(0) { $0 + $1.networkErrors }) / Double(total)
        case .responseCodeRatio(let from, let to, let divFrom, let divTo):
            func count(_ range: Range<Int>) -> Int {
                recent.reduce(0) { sum, bucket in sum + bucket.statuses.filter { range.contains(Int($0.key)) }.values.reduce(0, +) }
            }
            let denominator = count(divFrom..<divTo)
            return denominator == 0 ? 0 : Double(count(from..<to)) / Double(denominator)
        case .latencyAtQuantileMS(let quantile):
            let sorted = recent.flatMap(\.latenciesMS).sorted()
            guard !sorted.isEmpty else { return 0 }
            let index = min(sorted.count - 1, Int((quantile / 100 * Double(sorted.count)).rounded(.up)) - 1)
            return sorted[max(0, index)]
        }
    }
}
