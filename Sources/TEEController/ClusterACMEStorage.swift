import Foundation
import TEEACME
import TEEModel
import TEEPKI
import TEEStore

/// A resolver's ACME account and certificates in etcd: the whole entry, in acme.json's shape,
/// sealed with the data key at `/tee/acme/<resolver>`, and each certificate also as a stored
/// certificate (`/tee/certs/acme.<resolver>.<name>`, key sealed) so that the compiler sends it
/// to every proxy and `teeadm cert list` shows it. Writes are fenced by the leader key.
struct ClusterACMEStorage: ACMEStorage {
    let etcd: EtcdClient
    let dataKey: DataKey
    let fence: LeaderFence

    static func key(_ resolver: String) -> String { ClusterKeys.acmePrefix + resolver }
    static func certificatePrefix(_ resolver: String) -> String { "\(ClusterKeys.certificatesPrefix)acme.\(resolver)." }

    func load(resolver: String) async throws -> ACMEStoredResolver {
        guard let stored = try await self.etcd.get(Self.key(resolver)) else { return ACMEStoredResolver() }
        let plain = try self.dataKey.open(String(decoding: stored.value, as: UTF8.self))
        return try ACMEStorageFile.decode(Data(plain), file: Self.key(resolver))[resolver] ?? ACMEStoredResolver()
    }

    func save(_ stored: ACMEStoredResolver, resolver: String) async throws {
        let sealed = try self.dataKey.seal(Array(try ACMEStorageFile.encode([resolver: stored])))
        var writes: [EtcdWrite] = [.put(Self.key(resolver), Array(sealed.utf8))]
        let prefix = Self.certificatePrefix(resolver)
        var wanted: [String: [UInt8]] = [:]
        for certificate in stored.certificates {
            let name = "acme.\(resolver).\(certificate.domain.main.replacingOccurrences(of: "*", with: "_wildcard"))"
            guard let facts = try? StoredCertificate.inspect(certificate: certificate.certificatePEM, key: certificate.keyPEM) else { continue }
            let record = StoredCertificate(name: name, certificate: certificate.certificatePEM,
                                           sealedKey: try self.dataKey.seal(Array(certificate.keyPEM.utf8)), isDefault: false,
                                           subject: facts.subject, names: facts.names, issuer: facts.issuer, notAfter: facts.notAfter)
            wanted[ClusterKeys.certificatesPrefix + name] = Array(try JSONEncoder.sorted.encode(record))
        }
        for existing in try await self.etcd.list(prefix: prefix).values where wanted[existing.key] == nil {
            writes.append(.delete(existing.key))
        }
        for (key, value) in wanted { writes.append(.put(key, value)) }
        guard try await self.etcd.transaction(when: [self.fence.condition], then: writes).succeeded else {
            throw ACMEProblem(type: "tee:notLeader", detail: "no longer the leader: the certificate was not stored")
        }
    }
}
