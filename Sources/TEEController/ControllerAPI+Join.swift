import Foundation
import Hummingbird
import NIOCore
import SwiftASN1
import TEEModel
import TEEPKI
import TEEStore
import X509

/// Discovery and join: what a new node needs before it has a certificate.
extension ControllerAPI {
    /// `GET /api/v1/cluster-info`: the CA certificate (the joining node checks it against the
    /// `--ca-cert-hash` it was given) and where the controllers stream snapshots.
    func clusterInfo() async throws -> Response {
        guard let ca = self.certificateAuthority else {
            return Self.error(.serviceUnavailable, "this controller has no cluster CA (--ca-file and --ca-key-file); join through another")
        }
        return Self.json(.ok, ["ca": .string(ca.certificatePEM), "controllers": .array(await self.streamAddresses().map(JSONValue.string))])
    }

    /// `POST /api/v1/join` with `{"token", "role", "name", "csr"}`: a valid token for the role
    /// gets the CSR signed (one year) and the controllers' stream addresses.
    func join(_ request: Request, context: ControllerRequestContext) async throws -> Response {
        guard let ca = self.certificateAuthority else {
            return Self.error(.serviceUnavailable, "this controller has no cluster CA (--ca-file and --ca-key-file); join through another")
        }
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
              let tokenText = object["token"] as? String, let role = object["role"] as? String,
              let name = object["name"] as? String, let csrPEM = object["csr"] as? String else {
            return Self.error(.badRequest, "send {\"token\", \"role\", \"name\", \"csr\"}")
        }
        guard name.wholeMatch(of: /[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?/) != nil else {
            return Self.error(.badRequest, "node name '\(name)' must be lower-case letters, digits, '.' and '-'")
        }
        guard JoinToken.nodeRoles.contains(role) else {
            return Self.error(.badRequest, "role '\(role)' is not one of \(JoinToken.nodeRoles.joined(separator: ", "))")
        }
        guard let parts = JoinToken.parse(tokenText) else {
            return Self.error(.unauthorized, "the token is not of the form abcdef.0123456789abcdef; create one with teeadm token create")
        }
        guard let stored = try await self.etcd.get(ClusterKeys.tokensPrefix + parts.id),
              let token = try? JSONDecoder().decode(JoinToken.self, from: Data(stored.value)) else {
            return Self.error(.unauthorized, "join token \(parts.id) does not exist (expired tokens are deleted); create one with teeadm token create --role \(role)")
        }
        guard token.admits(secret: parts.secret, role: role) else {
            let reason = token.role != role ? "is for role \(token.role), not \(role)"
                : token.expires <= Date().timeIntervalSince1970 ? "has expired" : "does not match"
            await self.events.record("node", "join of \(name) as \(role) refused: token \(parts.id) \(reason)")
            return Self.error(.unauthorized, "join token \(parts.id) \(reason); create one with teeadm token create --role \(role)")
        }
        let csr: CertificateSigningRequest
        do {
            csr = try CertificateSigningRequest(pemEncoded: csrPEM)
            guard csr.publicKey.isValidSignature(csr.signature, for: csr) else { throw PKIError("its signature does not verify") }
        } catch {
            return Self.error(.badRequest, "the certificate request is not valid: \(error)")
        }
        var names = [name]
        if let address = context.channel.remoteAddress?.ipAddress { names.append(address) }
        var answer: [String: JSONValue] = ["ca": .string(ca.certificatePEM)]
        if role == "controller" {
            // A controller's certificate also serves its etcd member on loopback and its peer address.
            guard let peerURL = object["peerURL"] as? String, let advertise = object["advertiseAddress"] as? String else {
                return Self.error(.badRequest, "a controller join sends its peerURL and advertiseAddress")
            }
            names += [advertise, "127.0.0.1", "localhost"]
            guard try await !self.etcd.members().contains(where: \.isLearner) else {
                return Self.error(.conflict, "another controller is still joining (etcd allows one learner at a time) and is not yet promoted")
            }
            do {
                answer.merge(try await self.addMember(name: name, peerURL: peerURL, secret: parts.secret, ca: ca)) { $1 }
            } catch let error as EtcdError {
                // etcd refuses a new member until every member has been connected for a few
                // seconds ("unhealthy cluster"), as just after the previous one was promoted.
                if "\(error)".contains("unhealthy cluster") {
                    return Self.error(.conflict, "the etcd cluster is still settling after the last membership change")
                }
                return Self.error(.serviceUnavailable, "the etcd member for \(name) could not be added: \(error)")
            }
        }
        let certificate = try ca.issue(commonName: name, names: Array(Set(names)).sorted(), publicKey: csr.publicKey)
        answer["certificate"] = .string(try certificate.serializeAsPEM().pemString)
        answer["controllers"] = .array(await self.streamAddresses().map(JSONValue.string))
        await self.events.record("node", "\(name) joined as \(role)")
        return Self.json(.ok, answer)
    }

    /// Adds a joining controller's etcd member as a learner (the leader promotes it once it has
    /// caught up), and hands over what every controller holds: the CA key and the data key,
    /// sealed with a key derived from the join token's secret, which only the joining node has.
    private func addMember(name: String, peerURL: String, secret: String, ca: ClusterCA) async throws -> [String: JSONValue] {
        let members = try await self.etcd.members()
        if let existing = members.first(where: { $0.peerURLs.contains(peerURL) }) {
            throw EtcdError.rejected("\(peerURL) is already member \(existing.hexID) (\(existing.name)); remove it first (teeadm node remove)")
        }
        guard !members.contains(where: \.isLearner) else {
            throw EtcdError.rejected("another controller is still joining (etcd allows one learner at a time); try again once it is promoted")
        }
        let added = try await self.etcd.addMember(peerURLs: [peerURL], asLearner: true)
        let initialCluster = added.members.compactMap { member -> String? in
            let memberName = member.id == added.added.id ? name : member.name
            guard let url = member.peerURLs.first, !memberName.isEmpty else { return nil }
            return "\(memberName)=\(url)"
        }.joined(separator: ",")
        let sealer = SecretSealer.forJoinSecret(secret)
        var answer: [String: JSONValue] = [
            "initialCluster": .string(initialCluster),
            "memberID": .string(added.added.hexID),
            "caKey": .string(try sealer.seal(Array(ca.keyPEM.utf8))),
        ]
        if let dataKey = self.dataKey { answer["dataKey"] = .string(try sealer.seal(dataKey.rawBytes)) }
        return answer
    }

    /// `POST /api/v1/certs/renew` with `{"csr"}`, from a node presenting its current certificate:
    /// a new one-year certificate with the same name and host names, for the CSR's key.
    func renew(_ request: Request, context: ControllerRequestContext) async throws -> Response {
        guard let ca = self.certificateAuthority else {
            return Self.error(.serviceUnavailable, "this controller has no cluster CA (--ca-key-file); renew through another")
        }
        guard let der = await context.clientCertificate, let current = try? Certificate(derEncoded: der) else {
            return Self.error(.unauthorized, "renewal needs the node's current certificate as the TLS client certificate")
        }
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
              let csrPEM = object["csr"] as? String, let csr = try? CertificateSigningRequest(pemEncoded: csrPEM),
              csr.publicKey.isValidSignature(csr.signature, for: csr) else {
            return Self.error(.badRequest, "send {\"csr\": PEM} signed by the new key")
        }
        let commonName = CertificateNames.commonName(of: current) ?? "node"
        let names = CertificateNames.alternativeNames(of: current)
        let renewed = try ca.issue(commonName: commonName, names: names, publicKey: csr.publicKey)
        await self.events.record("certificate", "node certificate of \(commonName) renewed")
        return Self.json(.ok, ["certificate": .string(try renewed.serializeAsPEM().pemString)])
    }

    /// The controllers' snapshot stream addresses, from their records.
    func streamAddresses() async -> [String] {
        let values = (try? await self.etcd.list(prefix: ClusterKeys.nodesPrefix, serializable: true).values) ?? []
        return values.compactMap { NodeRecord.decode($0.value) }.filter { $0.role == "controller" }.compactMap(\.streamAddress).sorted()
    }
}
