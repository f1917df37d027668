public import Logging
public import ServiceLifecycle
import Synchronization
public import TEEDistribution
public import TEEStore

/// The snapshot in etcd, followed by a watch and handed to every subscriber: the latest at
/// once, then each newer one. Any controller serves it, leader or not.
public final class SnapshotFeed: Service, Sendable {
    private let etcd: EtcdClient
    /// Opens the documents sealed in etcd's copy, so that proxies get them whole.
    private let sealing: SnapshotSealing
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var latest: ConfigurationSnapshot?
        var subscribers: [Int: AsyncStream<ConfigurationSnapshot>.Continuation] = [:]
        var nextID = 0
    }

    public init(etcd: EtcdClient, dataKey: DataKey? = nil, logger: Logger) {
        self.sealing = SnapshotSealing(dataKey: dataKey)
        self.etcd = etcd
        self.logger = logger
    }

    /// The snapshot this controller has, if any.
    public var latest: ConfigurationSnapshot? { self.state.withLock { $0.latest } }

    /// The latest snapshot, then each newer one, until the consumer stops.
    public func updates() -> AsyncStream<ConfigurationSnapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: ConfigurationSnapshot.self, bufferingPolicy: .bufferingNewest(1))
        let id = self.state.withLock { state in
            defer { state.nextID += 1 }
            state.subscribers[state.nextID] = continuation
            if let latest = state.latest { continuation.yield(latest) }
            return state.nextID
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    private func publish(_ stored: ConfigurationSnapshot) {
        let snapshot = self.sealing.open(stored)
        self.state.withLock { state in
            guard snapshot.version > state.latest?.version ?? 0 else { return }
            state.latest = snapshot
            for continuation in state.subscribers.values { continuation.yield(snapshot) }
        }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    // From now, reading the key once the watch is set up, so nothing is missed.
                    // Serializable: a controller cut off from quorum still serves what its member has.
                    try await self.etcd.watch(prefix: ClusterKeys.snapshot, after: nil, onCreated: {
                        let value = try? await self.etcd.get(ClusterKeys.snapshot, serializable: true)
                        if let snapshot = value.flatMap({ ConfigurationSnapshot(serialized: $0.value) }) { self.publish(snapshot) }
                        return true
                    }) { events, _ in
                        for event in events where event.kind == .put && event.value.key == ClusterKeys.snapshot {
                            if let snapshot = ConfigurationSnapshot(serialized: event.value.value) { self.publish(snapshot) }
                        }
                        return true
                    }
                } catch {
                    if Task.isCancelled { return }
                    self.logger.debug("Snapshot watch interrupted; resuming", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .milliseconds(500))
                }
            }
        }
    }
}
