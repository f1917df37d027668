import TEEDistribution
import TEEModel

/// The controller's side of the snapshot stream: snapshots from the feed, nodes into the registry.
struct ClusterDistribution: DistributionDelegate {
    let feed: SnapshotFeed
    let registry: NodeRegistry
    let controllerName: String
    let events: EventLog
    let traffic: TrafficReportWriter
    let demand: DemandExchange

    func snapshots() -> AsyncStream<ConfigurationSnapshot> {
        self.feed.updates()
    }

    func nodeConnected(_ hello: NodeHello, peer: String) async {
        let controller = self.controllerName
        await self.registry.update(hello.nodeName, { record in
            record.role = hello.role
            record.address = peer
            record.softwareVersion = hello.softwareVersion
            record.appliedVersion = hello.appliedVersion
            record.controller = controller
            record.connected = true
        }, default: {
            NodeRecord(name: hello.nodeName, role: hello.role, address: peer, softwareVersion: hello.softwareVersion)
        })
        await self.events.record("node", "\(hello.role) \(hello.nodeName) connected from \(peer), serving snapshot \(hello.appliedVersion)")
    }

    func nodeAcknowledged(_ node: String, _ acknowledgement: SnapshotAcknowledgement) async {
        if let error = acknowledgement.error {
            await self.events.record("node", "\(node) rejected snapshot \(acknowledgement.version): \(error)")
        }
        await self.registry.update(node, { record in
            if acknowledgement.applied { record.appliedVersion = acknowledgement.version }
            record.lastError = acknowledgement.error
        }, default: { NodeRecord(name: node, role: "proxy", address: "", softwareVersion: "") })
    }

    func nodeReported(_ node: String, _ sample: TrafficSample) async {
        await self.traffic.write(sample, from: node)
    }

    func exchangeDemand(_ node: String, _ rates: [DemandRate]) async -> [DemandRate] {
        await self.demand.exchange(node, rates)
    }

    func nodeDisconnected(_ node: String) async {
        await self.events.record("node", "\(node) disconnected")
        await self.registry.update(node, { $0.connected = false },
                                   default: { NodeRecord(name: node, role: "proxy", address: "", softwareVersion: "") })
    }
}
