import Foundation
import Synchronization
import TEEModel

/// Keeps each connected proxy's last traffic sample in etcd (`/tee/traffic/<node>`, on this
/// controller's session lease) for every controller's dashboard. An idle proxy's empty samples
/// are written once, to zero its figures, and then left out until it has traffic again.
final class TrafficReportWriter: Sendable {
    private let registry: NodeRegistry
    /// Proxies whose last written sample was empty.
    private let idle = Mutex<Set<String>>([])

    init(registry: NodeRegistry) {
        self.registry = registry
    }

    func write(_ sample: TrafficSample, from node: String) async {
        let isEmpty = sample.routers.isEmpty && sample.services.isEmpty
        let skip = self.idle.withLock { idle in
            defer { if isEmpty { idle.insert(node) } else { idle.remove(node) } }
            return isEmpty && idle.contains(node)
        }
        guard !skip, let encoded = try? JSONEncoder().encode(TrafficReportRecord(reportedAt: Date().timeIntervalSince1970, sample: sample)) else {
            return
        }
        await self.registry.putLeased(ClusterKeys.trafficPrefix + node, Array(encoded))
    }
}
