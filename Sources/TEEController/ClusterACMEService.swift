import Foundation
import Logging
import ServiceLifecycle
import TEEACME
import TEEDistribution
import TEEModel
import TEEStore

/// Automatic certificates for the whole cluster: while this controller leads, it alone holds the
/// resolvers' ACME accounts and places orders. It learns what the routers ask for from each
/// compiled snapshot, stores accounts and certificates sealed in etcd, and publishes challenge
/// answers through the snapshot. A new leader starts from what is stored: a certificate already
/// issued is not ordered again, an order cut short is placed anew.
struct ClusterACMEService: Service {
    let etcd: EtcdClient
    let leadership: Leadership
    let feed: SnapshotFeed
    let resolvers: [ACMEResolverConfiguration]
    let dataKey: DataKey?
    let environment: [String: String]
    let events: EventLog
    let logger: Logger

    func run() async throws {
        // A service that returns would stop the daemon: without work it waits for the shutdown.
        guard !self.resolvers.isEmpty else { try? await gracefulShutdown(); return }
        guard let dataKey = self.dataKey else {
            self.logger.error("certificatesResolvers need the cluster's data key (--data-key-file) to keep ACME keys; no certificate is obtained")
            try? await gracefulShutdown(); return
        }
        await cancelWhenGracefulShutdown {
            await self.leadership.whileLeader { fence in
                let storage = ClusterACMEStorage(etcd: self.etcd, dataKey: dataKey, fence: fence)
                var storages: [String: any ACMEStorage] = [:]
                for resolver in self.resolvers { storages[resolver.name] = storage }
                let manager = ACMECertificateManager(
                    resolvers: self.resolvers, storages: storages,
                    publisher: ClusterACMEPublisher(etcd: self.etcd, fence: fence, sealing: SnapshotSealing(dataKey: dataKey),
                                                    logger: self.logger),
                    environment: self.environment, logger: self.logger,
                    events: { message in await self.events.record("acme", message) },
                    reports: { reports in
                        guard let encoded = try? ACMECertificateReport.encoder.encode(reports) else { return }
                        _ = try? await self.etcd.transaction(when: [fence.condition], then: [.put(ClusterKeys.acmeStatus, Array(encoded))])
                    })
                self.logger.info("Leading ACME orders", metadata: ["resolvers": "\(self.resolvers.map(\.name))"])
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await manager.run() }
                    group.addTask {
                        let names = Set(self.resolvers.map(\.name))
                        for await snapshot in self.feed.updates() {
                            guard let configuration = try? snapshot.load() else { continue }
                            let (demands, problems) = ACMECertificateDemand.demands(in: configuration, resolvers: names)
                            for problem in problems { self.logger.warning("Certificate not requested: \(problem)") }
                            await manager.setDemands(demands)
                        }
                    }
                    await group.next()
                    group.cancelAll()
                }
            }
        }
    }
}
