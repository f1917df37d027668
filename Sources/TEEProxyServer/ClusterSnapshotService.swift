import Logging
import ServiceLifecycle
import TEEDistribution
import TEEModel

/// A proxy in a cluster: receives snapshots from the controllers, puts each in service, keeps
/// the last good one on disk and acknowledges (or rejects, with the reason). While no
/// controller answers, the proxy goes on serving what it has.
struct ClusterSnapshotService: Service {
    let follower: SnapshotFollower
    let reloader: ProxyReloader

    init(membership: ClusterMembershipConfiguration, reloader: ProxyReloader, logger: Logger) {
        self.follower = SnapshotFollower(membership: membership, role: "proxy", what: "snapshot", logger: logger)
        self.reloader = reloader
    }

    /// Serves the saved snapshot, if there is one (at start-up, before any controller answers).
    func restoreSaved() async {
        _ = await self.follower.restoreSaved { snapshot in _ = try await self.reloader.apply(snapshot) }
    }

    func run() async throws {
        let reloader = self.reloader
        await cancelWhenGracefulShutdown {
            await self.follower.run { snapshot in _ = try await reloader.apply(snapshot) }
        }
    }
}
