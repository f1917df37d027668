import Foundation
public import Logging
public import ServiceLifecycle
import Synchronization
public import TEEStore

/// Keeps the records of this controller and of the nodes connected to it in etcd, bound to a
/// session lease: when this controller dies, its records go with it, and its nodes, connected
/// to another controller by then, are recorded there. Writes are best effort (without quorum
/// they wait for the next lease).
public final class NodeRegistry: Service, Sendable {
    private let etcd: EtcdClient
    private let sessionTTL: Int64
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var records: [String: NodeRecord] = [:]
        var lease: Int64?
    }

    public init(etcd: EtcdClient, own: NodeRecord, sessionTTL: Int64 = 10, logger: Logger) {
        self.etcd = etcd
        self.sessionTTL = sessionTTL
        self.logger = logger
        self.state.withLock { $0.records[own.name] = own }
    }

    /// Records (or updates) a node.
    public func update(_ name: String, _ change: @Sendable (inout NodeRecord) -> Void, default make: @Sendable () -> NodeRecord) async {
        let (record, lease) = self.state.withLock { state -> (NodeRecord, Int64?) in
            var record = state.records[name] ?? make()
            change(&record)
            record.updatedAt = Date().timeIntervalSince1970
            state.records[name] = record
            return (record, state.lease)
        }
        guard let lease else { return }
        do {
            try await self.etcd.put(ClusterKeys.node(name), record.encoded, lease: lease)
        } catch {
            self.logger.debug("Node record not written", metadata: ["node": "\(name)", "error": "\(error)"])
        }
    }

    /// Writes `value` at `key` on the session lease (best effort: without a lease it waits for
    /// the next write), so it goes with this controller.
    public func putLeased(_ key: String, _ value: [UInt8]) async {
        guard let lease = self.state.withLock({ $0.lease }) else { return }
        do {
            try await self.etcd.put(key, value, lease: lease)
        } catch {
            self.logger.debug("Leased value not written", metadata: ["key": "\(key)", "error": "\(error)"])
        }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var granted: Int64?
                do {
                    let lease = try await self.etcd.grantLease(ttl: self.sessionTTL)
                    granted = lease
                    let records = self.state.withLock { state in
                        state.lease = lease
                        return Array(state.records.values)
                    }
                    for record in records { try await self.etcd.put(ClusterKeys.node(record.name), record.encoded, lease: lease) }
                    try await self.etcd.keepAlive(lease: lease, ttl: self.sessionTTL)
                } catch {
                    if !Task.isCancelled { self.logger.debug("Session lease lost; renewing", metadata: ["error": "\(error)"]) }
                }
                self.state.withLock { $0.lease = nil }
                if let granted, Task.isCancelled { try? await Task.detached { try await self.etcd.revokeLease(granted) }.value }
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }
}
