import Foundation
import Logging
import TEEACME
import TEEDistribution
import TEEModel
import TEEStore

/// The leader's way to the proxies for ACME: certificates are already stored (and compiled into
/// the snapshot from there); the challenge answers become the `acme` source document, and a
/// change returns once the snapshot holding it is compiled and every connected proxy has applied
/// it, so the CA can reach any of them.
struct ClusterACMEPublisher: ACMEPublisher {
    let etcd: EtcdClient
    let fence: LeaderFence
    /// Seals the document in etcd: TLS-ALPN-01 answers carry private keys.
    let sealing: SnapshotSealing
    let logger: Logger
    /// How long to wait for the proxies before letting the CA validate anyway.
    var proxyTimeout: Duration = .seconds(20)

    static let documentKey = ClusterKeys.source(provider: ConfigurationDocument.acmeProvider, name: "challenges")

    func publish(certificates: [IssuedCertificate], challenges: ACMEChallengeResponses) async throws {
        let document = ConfigurationDocument(provider: ConfigurationDocument.acmeProvider, name: "challenges", format: "json",
                                             content: String(decoding: try JSONEncoder.sorted.encode(challenges), as: UTF8.self))
        let stored = try await self.etcd.get(Self.documentKey)
            .flatMap { try? JSONDecoder().decode(ConfigurationDocument.self, from: Data($0.value)) }.flatMap(self.sealing.open)
        if stored != document {
            let encoded = Array(try JSONEncoder.sorted.encode(try self.sealing.seal(document)))
            guard try await self.etcd.transaction(when: [self.fence.condition], then: [.put(Self.documentKey, encoded)]).succeeded else {
                throw ACMEProblem(type: "tee:notLeader", detail: "no longer the leader: the challenge was not published")
            }
        }
        guard !challenges.isEmpty else { return }
        let deadline = ContinuousClock.now + self.proxyTimeout
        // The compiler makes the snapshot with the document; then each proxy applies it.
        var version: UInt64?
        while ContinuousClock.now < deadline {
            if version == nil, let value = try await self.etcd.get(ClusterKeys.snapshot),
               let snapshot = ConfigurationSnapshot(serialized: value.value).map(self.sealing.open), snapshot.documents.contains(document) {
                version = snapshot.version
            }
            if let version {
                let nodes = try await self.etcd.list(prefix: ClusterKeys.nodesPrefix).values.compactMap { NodeRecord.decode($0.value) }
                let lagging = nodes.filter { $0.role == "proxy" && ($0.appliedVersion ?? 0) < version }
                if lagging.isEmpty { return }
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        self.logger.warning("Not every proxy applied the ACME challenge in time; the CA validates anyway",
                            metadata: ["snapshot": "\(version.map(String.init) ?? "not compiled")"])
    }
}
