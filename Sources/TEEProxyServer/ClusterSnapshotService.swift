import Logging
import ServiceLifecycle
import TEEDistribution
import TEEModel

/// A proxy in a cluster: receives snapshots from the controllers, puts each in service, keeps
/// the last good one on disk and acknowledges (or rejects, with the reason). While no
/// controller answers, the proxy goes on serving what it has.
struct ClusterSnapshotService: Service {
    let membership: ClusterMembershipConfiguration
    let reloader: ProxyReloader
    let stateFile: SnapshotStateFile
    let logger: Logger

    init(membership: ClusterMembershipConfiguration, reloader: ProxyReloader, logger: Logger) {
        self.membership = membership
        self.reloader = reloader
        self.stateFile = SnapshotStateFile(directory: membership.stateDirectory)
        self.logger = logger
    }

    /// Serves the saved snapshot, if there is one (at start-up, before any controller answers).
    func restoreSaved() async {
        guard let saved = self.stateFile.load() else {
            self.logger.notice("No saved snapshot; serving no routes until a controller sends one",
                               metadata: ["path": "\(self.stateFile.path)"])
            return
        }
        do {
            _ = try await self.reloader.apply(saved)
            self.logger.notice("Serving the saved snapshot until a controller answers", metadata: ["version": "\(saved.version)"])
        } catch {
            self.logger.error("The saved snapshot does not load", metadata: ["path": "\(self.stateFile.path)", "error": "\(error)"])
        }
    }

    func run() async throws {
        var tls: DistributionTLS?
        if let ca = self.membership.caFile, let cert = self.membership.certFile, let key = self.membership.keyFile {
            tls = DistributionTLS(caFile: ca, certFile: cert, keyFile: key)
        }
        let reloader = self.reloader
        let applied = AppliedVersion()
        applied.set(await reloader.appliedVersion)
        let client = DistributionClient(controllers: self.membership.controllers, tls: tls, logger: self.logger) { [membership] in
            NodeHello(nodeName: membership.nodeName, role: "proxy", appliedVersion: applied.get(), softwareVersion: TEEVersion.current)
        }
        await cancelWhenGracefulShutdown {
            await client.run { snapshot in
                do {
                    _ = try await reloader.apply(snapshot)
                } catch {
                    self.logger.error("Snapshot rejected; the previous one stays in service",
                                      metadata: ["version": "\(snapshot.version)", "error": "\(error)"])
                    return "\(error)"
                }
                applied.set(snapshot.version)
                do {
                    try self.stateFile.save(snapshot)
                } catch {
                    self.logger.warning("Snapshot in service but not saved", metadata: ["path": "\(self.stateFile.path)", "error": "\(error)"])
                }
                self.logger.info("Snapshot applied", metadata: ["version": "\(snapshot.version)"])
                return nil
            }
        }
    }
}
