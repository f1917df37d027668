public import TEEModel

/// How a proxy shares its distributed rate limits with the cluster over the controller stream:
/// every ``interval`` it reports its demand and hands the cluster's totals back.
public struct DemandSharing: Sendable {
    public static let interval = Duration.milliseconds(100)
    /// This proxy's demand per limited source since the last call.
    public let report: @Sendable () -> [DemandRate]
    /// The cluster's demand for those sources.
    public let totals: @Sendable ([DemandRate]) -> Void

    public init(report: @escaping @Sendable () -> [DemandRate], totals: @escaping @Sendable ([DemandRate]) -> Void) {
        self.report = report
        self.totals = totals
    }
}
