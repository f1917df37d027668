import Foundation
import NIOCore
import NIOPosix
import TEEModel
import TEEStore

/// Counts the controllers that answer, for the message a write gets when quorum is lost: the
/// members etcd knows of, and which controllers (from their records, read locally) accept a
/// connection on their API address.
struct QuorumProbe: Sendable {
    let etcd: EtcdClient
    let ownName: String

    /// Why a write failed with `error`: quorum lost (with how many controllers answer), or, when
    /// enough answer, etcd's own words.
    func describeLoss(_ error: EtcdError) async -> String {
        let members = (try? await self.etcd.members().count) ?? 0
        let records = ((try? await self.etcd.list(prefix: ClusterKeys.nodesPrefix, serializable: true).values) ?? [])
            .compactMap { NodeRecord.decode($0.value) }
            .filter { $0.role == "controller" }
        var answering = 0
        for record in records {
            if record.name == self.ownName {
                answering += 1
            } else if await Self.accepts(record.address) {
                answering += 1
            }
        }
        answering = max(answering, 1)
        let total = max(members, records.count, 1)
        guard answering < total / 2 + 1 else {
            return "the write was not confirmed (\(error)); \(answering) of \(total) controllers answer, so try again"
        }
        return "quorum lost: \(answering) of \(total) controllers answer and writes need \(total / 2 + 1); "
            + "start the stopped controllers (systemctl start tee-etcd tee-controller) or restore from a backup"
    }

    /// Whether `address` (`host:port`) accepts a TCP connection within 300 ms.
    private static func accepts(_ address: String) async -> Bool {
        guard let address = HostPort(parsing: address) else { return false }
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.milliseconds(300))
                .connect(host: address.host, port: address.port).get()
            try? await channel.close()
            return true
        } catch {
            return false
        }
    }
}
