import Foundation
import Hummingbird
import NIOCore
import TEEDistribution
import TEEModel
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

    /// `GET /api/v1/certificates`: subject, names, issuer and expiry of each (never keys), and
    /// the TLS routers of the snapshot in service whose host names it covers.
    func certificates() async throws -> Response {
        let values = try await self.etcd.list(prefix: ClusterKeys.certificatesPrefix).values
        let certificates = values.compactMap { try? JSONDecoder().decode(StoredCertificate.self, from: Data($0.value)) }
        let routers = ((try? self.feed.latest?.load()) ?? nil)?.routers ?? [:]
        return Self.json(.ok, ["certificates": .array(certificates.map { certificate in
            let users = routers.filter { _, router in
                guard let tls = router.tls else { return false }
                let hosts = tls.domains + router.rule.matches(of: /Host\(`([^`]+)`\)/).map { String($0.1) }
                return hosts.contains { host in certificate.names.contains { Self.certificateName($0, covers: host) } }
            }.keys.sorted()
            return .object(["name": .string(certificate.name), "subject": .string(certificate.subject),
                            "names": .array(certificate.names.map(JSONValue.string)), "issuer": .string(certificate.issuer),
                            "notAfter": .number(certificate.notAfter), "default": .bool(certificate.isDefault),
                            "routers": .array(users.map(JSONValue.string))])
        })])
    }

    /// Whether a certificate's name (possibly `*.example.com`) covers `host`.
    static func certificateName(_ name: String, covers host: String) -> Bool {
        let name = name.lowercased()
        let host = host.lowercased()
        if name == host { return true }
        guard name.hasPrefix("*."), let dot = host.firstIndex(of: ".") else { return false }
        return host[dot...] == name.dropFirst()
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

extension ControllerAPI {
    /// `GET /api/v1/acme`: the leader's last report of the certificates its resolvers hold or are
    /// ordering: names, resolver, expiry, and why the last order failed.
    func acmeStatus() async throws -> Response {
        let stored = try await self.etcd.get(ClusterKeys.acmeStatus)
        let reports = stored.map { String(decoding: $0.value, as: UTF8.self) } ?? "[]"
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(string: "{\"certificates\":\(reports)}")))
    }
}
