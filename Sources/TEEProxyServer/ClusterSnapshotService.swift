import Logging
import ServiceLifecycle
import TEEDistribution
import TEEModel
import TEEProxy

/// A proxy in a cluster: receives snapshots from the controllers, puts each in service, keeps
/// the last good one on disk and acknowledges (or rejects, with the reason). While no
/// controller answers, the proxy goes on serving what it has.
struct ClusterSnapshotService: Service {
    let follower: SnapshotFollower
    let reloader: ProxyReloader
    /// What the proxy answered, reported to its controller for the dashboard.
    let traffic: TrafficReporter

    init(membership: ClusterMembershipConfiguration, reloader: ProxyReloader, traffic: TrafficTally, logger: Logger) {
        self.follower = SnapshotFollower(membership: membership, role: "proxy", what: "snapshot", logger: logger)
        self.reloader = reloader
        self.traffic = TrafficReporter(tally: traffic)
    }

    /// Serves the saved snapshot, if there is one (at start-up, before any controller answers).
    func restoreSaved() async {
        _ = await self.follower.restoreSaved { snapshot in _ = try await self.reloader.apply(snapshot) }
    }

    func run() async throws {
        let reloader = self.reloader
        await cancelWhenGracefulShutdown {
            let demand = reloader.rateLimitDemand
            await self.follower.run(traffic: self.traffic.sample, demand: DemandSharing(report: demand.report, totals: demand.apply)) { snapshot in
                _ = try await reloader.apply(snapshot)
            }
        }
    }
}
