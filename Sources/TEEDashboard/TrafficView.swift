public import TEEModel
public import TEEProxy

/// Where the dashboard's traffic plots come from.
public enum TrafficView: Sendable {
    /// A proxy's running totals: the page divides the change between two readings.
    case totals(TrafficTally)
    /// The latest interval each proxy reported to the controllers, summed into rates.
    case rates([TrafficSample])

    /// `/api/tee/traffic`: `mode` `totals` (`requests`, `serverErrors`, `seconds` per name) or
    /// `rates` (`rate` and `errorRate` per second, `latencyMs`, per name).
    func json() -> [String: Any] {
        switch self {
        case .totals(let tally):
            let reading = tally.reading
            func totals(_ values: [String: TrafficCount]) -> [String: Any] {
                values.mapValues { ["requests": $0.requests, "serverErrors": $0.serverErrors, "seconds": $0.seconds] }
            }
            return ["mode": "totals", "routers": totals(reading.routers), "services": totals(reading.services)]
        case .rates(let samples):
            func rates(_ counts: KeyPath<TrafficSample, [String: TrafficCount]>) -> [String: Any] {
                var sums: [String: (rate: Double, errorRate: Double, secondsPerSecond: Double)] = [:]
                for sample in samples where sample.intervalSeconds > 0 {
                    for (name, count) in sample[keyPath: counts] {
                        var sum = sums[name] ?? (0, 0, 0)
                        sum.rate += Double(count.requests) / sample.intervalSeconds
                        sum.errorRate += Double(count.serverErrors) / sample.intervalSeconds
                        sum.secondsPerSecond += count.seconds / sample.intervalSeconds
                        sums[name] = sum
                    }
                }
                return sums.mapValues { sum in
                    ["rate": sum.rate, "errorRate": sum.errorRate, "latencyMs": sum.rate > 0 ? 1000 * sum.secondsPerSecond / sum.rate : 0]
                }
            }
            return ["mode": "rates", "proxies": samples.count, "routers": rates(\.routers), "services": rates(\.services)]
        }
    }
}
