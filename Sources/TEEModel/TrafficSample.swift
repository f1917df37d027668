/// What one proxy answered over an interval, per router and per service (only those with
/// requests): proxies report one to their controller every few seconds for the dashboard.
public struct TrafficSample: Sendable, Equatable, Codable {
    public var intervalSeconds: Double
    public var routers: [String: TrafficCount]
    public var services: [String: TrafficCount]

    public init(intervalSeconds: Double, routers: [String: TrafficCount] = [:], services: [String: TrafficCount] = [:]) {
        self.intervalSeconds = intervalSeconds
        self.routers = routers
        self.services = services
    }

    /// The change from `earlier` totals to `later` totals over `intervalSeconds`, leaving out
    /// objects without requests.
    public static func between(_ earlier: [String: TrafficCount], _ later: [String: TrafficCount]) -> [String: TrafficCount] {
        var changes: [String: TrafficCount] = [:]
        for (name, count) in later {
            let added = count.since(earlier[name])
            if added.requests > 0 { changes[name] = added }
        }
        return changes
    }
}
