import Foundation
import Hummingbird
import NIOCore
import TEEStore

/// TLS certificates kept by the cluster and served by every proxy.
extension ControllerAPI {
    /// `PUT /api/v1/certificates/NAME` with `{"certificate": PEM, "key": PEM, "default": false}`.
    func storeCertificate(_ request: Request, name: String) async throws -> Response {
        guard name.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9._-]{0,127}/) != nil else {
            return Self.error(.badRequest, "certificate name '\(name)' must be letters, digits, '.', '_' or '-'")
        }
        guard let dataKey = self.dataKey else {
            return Self.error(.serviceUnavailable, "this controller has no data key to seal private keys; start it with --data-key-file "
                + "(teeadm init writes /etc/tee/pki/data.key)")
        }
        var request = request
        let body = try await request.collectBody(upTo: 1024 * 1024)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
              let certificate = object["certificate"] as? String, let key = object["key"] as? String else {
            return Self.error(.badRequest, "send {\"certificate\": \"-----BEGIN CERTIFICATE-----…\", \"key\": \"-----BEGIN PRIVATE KEY-----…\"}")
        }
        let facts: (subject: String, names: [String], issuer: String, notAfter: Double)
        do {
            facts = try StoredCertificate.inspect(certificate: certificate, key: key)
        } catch {
            return Self.error(.unprocessableContent, "certificate \(name) not stored: \(error)")
        }
        let stored = StoredCertificate(name: name, certificate: certificate, sealedKey: try dataKey.seal(Array(key.utf8)),
                                       isDefault: object["default"] as? Bool ?? false, subject: facts.subject, names: facts.names,
                                       issuer: facts.issuer, notAfter: facts.notAfter)
        do {
            try await self.etcd.put(ClusterKeys.certificatesPrefix + name, Array(try JSONEncoder.sorted.encode(stored)))
        } catch let error as EtcdError {
            guard case .unavailable = error else { throw error }
            return Self.error(.serviceUnavailable, await QuorumProbe(etcd: self.etcd, ownName: self.controllerName).describeLoss(error))
        }
        await self.events.record("certificate", "certificate \(name) stored (\(facts.names.joined(separator: ", ")))")
        return Self.json(.ok, ["name": .string(name), "subject": .string(facts.subject), "names": .array(facts.names.map(JSONValue.string))])
    }

    /// `GET /api/v1/certificates`: subject, names, issuer and expiry of each (never keys).
    func certificates() async throws -> Response {
        let values = try await self.etcd.list(prefix: ClusterKeys.certificatesPrefix).values
        let certificates = values.compactMap { try? JSONDecoder().decode(StoredCertificate.self, from: Data($0.value)) }
        return Self.json(.ok, ["certificates": .array(certificates.map { certificate in
            .object(["name": .string(certificate.name), "subject": .string(certificate.subject),
                     "names": .array(certificate.names.map(JSONValue.string)), "issuer": .string(certificate.issuer),
                     "notAfter": .number(certificate.notAfter), "default": .bool(certificate.isDefault)])
        })])
    }

    /// `DELETE /api/v1/certificates/NAME`.
    func deleteCertificate(_ name: String) async throws -> Response {
        guard try await self.etcd.delete(ClusterKeys.certificatesPrefix + name) > 0 else {
            return Self.error(.notFound, "no certificate \(name); list them with GET /api/v1/certificates")
        }
        await self.events.record("certificate", "certificate \(name) removed")
        return Self.json(.ok, ["deleted": .string(name)])
    }
}
