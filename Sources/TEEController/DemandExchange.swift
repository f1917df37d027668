import Foundation
import TEEModel
import TEEStore

/// Where proxies meet for `distributedRateLimit`: each proxy's demand (requests a second per
/// limited source) is kept in etcd (`/tee/ratelimit/<node>`, on this controller's session lease)
/// so that every controller sees every proxy's, and a proxy's report is answered with the sum
/// over the proxies that reported in the last ``freshness``.
final class DemandExchange: Sendable {
    private struct Record: Codable {
        var at: Double
        var rates: [String: Double]
    }

    static let freshness = 2.0
    private let registry: NodeRegistry
    private let etcd: EtcdClient

    init(registry: NodeRegistry, etcd: EtcdClient) {
        self.registry = registry
        self.etcd = etcd
    }

    func exchange(_ node: String, _ rates: [DemandRate]) async -> [DemandRate] {
        let now = Date().timeIntervalSince1970
        var own: [String: Double] = [:]
        for rate in rates { own[rate.key, default: 0] += rate.rate }
        if let encoded = try? JSONEncoder().encode(Record(at: now, rates: own)) {
            await self.registry.putLeased(ClusterKeys.demandPrefix + node, Array(encoded))
        }
        // Without the others' demand the proxy gets its own back and limits as if alone.
        var totals = own
        if let stored = try? await self.etcd.list(prefix: ClusterKeys.demandPrefix, serializable: true).values {
            for value in stored where value.key != ClusterKeys.demandPrefix + node {
                guard let record = try? JSONDecoder().decode(Record.self, from: Data(value.value)), now - record.at < Self.freshness else { continue }
                for key in own.keys { totals[key, default: 0] += record.rates[key] ?? 0 }
            }
        }
        return totals.map { DemandRate(key: $0.key, rate: $0.value) }
    }
}
