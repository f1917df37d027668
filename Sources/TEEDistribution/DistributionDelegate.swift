public import TEEModel

/// What the snapshot stream's server side needs from the controller: the snapshots, and where
/// to report the nodes.
public protocol DistributionDelegate: Sendable {
    /// The current snapshot at once (when there is one), then each newer one.
    func snapshots() -> AsyncStream<ConfigurationSnapshot>
    func nodeConnected(_ hello: NodeHello, peer: String) async
    func nodeAcknowledged(_ node: String, _ acknowledgement: SnapshotAcknowledgement) async
    func nodeDisconnected(_ node: String) async
    /// What a proxy answered over its last interval.
    func nodeReported(_ node: String, _ sample: TrafficSample) async
    /// Records a proxy's demand on its distributed rate limits; the cluster's demand for the same keys.
    func exchangeDemand(_ node: String, _ rates: [DemandRate]) async -> [DemandRate]
}

extension DistributionDelegate {
    public func nodeReported(_ node: String, _ sample: TrafficSample) async {}
    public func exchangeDemand(_ node: String, _ rates: [DemandRate]) async -> [DemandRate] { rates }
}
