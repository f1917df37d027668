import Foundation
import Logging
import TEEStore

/// Records cluster events in etcd (best effort: without quorum they are only logged) and keeps
/// the most recent ``retention`` of them.
struct EventLog: Sendable {
    let etcd: EtcdClient
    let controller: String
    let logger: Logger
    /// How many events the store keeps.
    static let retention = 1000

    func record(_ kind: String, _ message: String) async {
        let event = ClusterEvent(controller: self.controller, kind: kind, message: message)
        guard let data = try? JSONEncoder.sorted.encode(event) else { return }
        do {
            try await self.etcd.put(event.key, Array(data))
        } catch {
            self.logger.debug("Event not recorded", metadata: ["event": "\(message)", "error": "\(error)"])
        }
    }

    /// Deletes all but the newest ``retention`` events, fenced by leadership (the leader trims).
    func trim(fence: LeaderFence) async throws {
        let events = try await self.etcd.list(prefix: ClusterKeys.eventsPrefix).values
        guard events.count > Self.retention else { return }
        let old = events.prefix(events.count - Self.retention).map { EtcdWrite.delete($0.key) }
        for batch in stride(from: 0, to: old.count, by: 100) {
            _ = try await self.etcd.transaction(when: [fence.condition], then: Array(old[batch..<min(batch + 100, old.count)]))
        }
    }

    /// The newest `limit` events, oldest first.
    func recent(limit: Int, serializable: Bool) async throws(EtcdError) -> [ClusterEvent] {
        let values = try await self.etcd.list(prefix: ClusterKeys.eventsPrefix, serializable: serializable).values
        return values.suffix(limit).compactMap { try? JSONDecoder().decode(ClusterEvent.self, from: Data($0.value)) }
    }
}
