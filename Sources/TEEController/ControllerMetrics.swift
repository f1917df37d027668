import Foundation
import Prometheus
import TEEDistribution
import TEEModel
import TEEStore

/// The controller's `GET /metrics` (Prometheus text), read fresh at each scrape: whether it leads
/// and how often the leader changed, the latest snapshot and how far behind each proxy and mesh
/// agent is, and its etcd member's health.
struct ControllerMetrics {
    let api: ControllerAPI

    func exposition() async -> String {
        let registry = PrometheusCollectorRegistry()
        let controller = [("controller", self.api.controllerName)]
        registry.makeGauge(descriptor: Self.name("is_leader", help: "1 while this controller leads (compiles snapshots, runs providers)."),
                           labels: controller).set(self.api.leadership.fence != nil ? 1.0 : 0.0)
        registry.makeCounter(descriptor: Self.name("leader_changes", unit: "total", help: "Changes of the leader this controller has seen."),
                             labels: controller).increment(by: Int64(self.api.leadership.leaderChanges))
        let latest = self.api.feed.latest?.version ?? 0
        registry.makeGauge(descriptor: Self.name("snapshot_version", help: "The latest snapshot's version."), labels: controller)
            .set(Double(latest))
        let status = try? await self.api.etcd.status(timeout: .seconds(1))
        registry.makeGauge(descriptor: Self.name("etcd_up", help: "1 while this controller's etcd member answers and sees a raft leader."),
                           labels: controller).set(status.map { $0.leaderID != 0 ? 1.0 : 0.0 } ?? 0.0)
        if let status {
            registry.makeGauge(descriptor: Self.name("etcd_db_size", unit: "bytes", help: "The etcd member's database size."),
                               labels: controller).set(Double(status.databaseSize))
            registry.makeGauge(descriptor: Self.name("etcd_raft_index", help: "The etcd member's raft index."), labels: controller)
                .set(Double(status.raftIndex))
        }
        if let members = try? await self.api.etcd.members() {
            registry.makeGauge(descriptor: Self.name("etcd_members", help: "etcd members, voting and learners."), labels: [("learner", "false")])
                .set(Double(members.filter { !$0.isLearner }.count))
            registry.makeGauge(descriptor: Self.name("etcd_members", help: "etcd members, voting and learners."), labels: [("learner", "true")])
                .set(Double(members.filter(\.isLearner).count))
        }
        let records = (try? await self.api.etcd.list(prefix: ClusterKeys.nodesPrefix, serializable: true))?.values ?? []
        for node in records.compactMap({ NodeRecord.decode($0.value) }) where node.role != "controller" {
            let labels = [("node", node.name), ("role", node.role)]
            registry.makeGauge(descriptor: Self.name("node_connected", help: "1 while the node holds a snapshot stream to a controller."),
                               labels: labels).set(node.connected ? 1.0 : 0.0)
            registry.makeGauge(descriptor: Self.name("node_snapshot_lag", help: "Snapshot versions the node is behind the latest."),
                               labels: labels).set(Double(max(0, Int(latest) - Int(node.appliedVersion ?? 0))))
        }
        return registry.emitToString()
    }

    private static func name(_ metric: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tee", subsystem: "controller", metricName: metric, unitName: unit, helpText: help)
    }
}
