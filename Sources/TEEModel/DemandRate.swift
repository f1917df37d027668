/// How many requests a second one limited source offers one proxy (`distributedRateLimit`), or
/// the whole cluster, keyed by middleware and source.
public struct DemandRate: Sendable, Equatable {
    public var key: String
    public var rate: Double

    public init(key: String, rate: Double) {
        self.key = key
        self.rate = rate
    }
}
