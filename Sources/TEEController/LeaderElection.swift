import Foundation
public import Logging
public import ServiceLifecycle
public import TEEStore

/// Campaigns for leadership with an etcd lease: each controller writes `/tee/leader/<lease>`
/// bound to its lease; the key with the lowest create revision leads. A controller whose
/// keep-alive fails steps down at once and campaigns again with a new lease; on a graceful stop
/// it revokes its lease so that another takes over without waiting for expiry.
struct LeaderElection: Service {
    let etcd: EtcdClient
    let leadership: Leadership
    let candidate: NodeRecord
    /// The lease's time to live: how long a dead leader keeps the role (etcd's minimum is about 2 s).
    let leaseTTL: Int64
    let logger: Logger
    let events: EventLog

    init(etcd: EtcdClient, leadership: Leadership, candidate: NodeRecord, leaseTTL: Int64, logger: Logger, events: EventLog) {
        self.etcd = etcd
        self.leadership = leadership
        self.candidate = candidate
        self.leaseTTL = leaseTTL
        self.logger = logger
        self.events = events
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                var lease: Int64?
                do {
                    let granted = try await self.etcd.grantLease(ttl: self.leaseTTL)
                    lease = granted
                    try await self.campaign(lease: granted)
                } catch {
                    if !Task.isCancelled {
                        self.logger.warning("Leader election interrupted; campaigning again", metadata: ["error": "\(error)"])
                    }
                }
                if self.leadership.fence != nil { self.logger.notice("Stepped down as leader") }
                self.leadership.set(.follower(leader: nil))
                if let lease {
                    // Hand over at once rather than after the lease expires (best effort).
                    try? await Task.detached { try await self.etcd.revokeLease(lease) }.value
                }
                try? await Task.sleep(for: .milliseconds(300))
            }
        }
    }

    /// Holds `lease` alive while following or leading; throws when the lease is lost.
    private func campaign(lease: Int64) async throws {
        let key = ClusterKeys.leaderPrefix + String(lease, radix: 16)
        _ = try await self.etcd.transaction(when: [.createRevision(key, equals: 0)],
                                            then: [.put(key, self.candidate.encoded, lease: lease)])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await self.etcd.keepAlive(lease: lease, ttl: self.leaseTTL)
                throw CancellationError()
            }
            group.addTask { try await self.follow(key: key) }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Re-reads the candidates whenever one goes away, and takes the role when first in line.
    private func follow(key: String) async throws {
        while !Task.isCancelled {
            let candidates = try await self.etcd.list(prefix: ClusterKeys.leaderPrefix).values
            let ordered = candidates.sorted { $0.createRevision < $1.createRevision }
            guard let mine = ordered.first(where: { $0.key == key }) else { throw EtcdError.leaseExpired(0) }
            if ordered.first?.key == key {
                let newlyElected = self.leadership.fence == nil
                self.leadership.set(.leader(LeaderFence(key: key, createRevision: mine.createRevision)))
                if newlyElected {
                    self.logger.notice("Elected leader", metadata: ["key": "\(key)", "revision": "\(mine.createRevision)"])
                    await self.events.record("leader", "\(self.candidate.name) became the leader")
                }
            } else {
                let leader = ordered.first.flatMap { NodeRecord.decode($0.value) }?.name
                self.leadership.set(.follower(leader: leader))
            }
            // Wait for a candidate to leave (ours included), then look again.
            try await self.waitForDeletion(from: Set(candidates.map(\.key)))
        }
    }

    /// Returns when a candidate of `keys` is gone. The watch starts from now and, once set up,
    /// checks that none left before it started.
    private func waitForDeletion(from keys: Set<String>) async throws {
        try await self.etcd.watch(prefix: ClusterKeys.leaderPrefix, after: nil, onCreated: {
            guard let now = try? await self.etcd.list(prefix: ClusterKeys.leaderPrefix).values else { return false }
            return keys.isSubset(of: Set(now.map(\.key)))
        }, onChange: { events, _ in
            !events.contains { $0.kind == .delete }
        })
    }
}
