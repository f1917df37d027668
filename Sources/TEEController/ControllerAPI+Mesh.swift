import Crypto
import Foundation
import Hummingbird
import NIOCore
import SwiftASN1
import TEEModel
import TEEPKI
import TEEStore
import X509

extension ControllerAPI {
    /// The key of the mesh's document (services and policy), one for the cluster.
    static let meshDocumentKey = ClusterKeys.source(provider: ConfigurationDocument.meshProvider, name: ConfigurationDocument.meshPolicyName)
    /// The key of the services' virtual IPs, kept by the controllers so that a service keeps its address.
    static let meshAddressesKey = ClusterKeys.source(provider: ConfigurationDocument.meshProvider, name: ConfigurationDocument.meshAddressesName)
    /// How long a mesh service certificate is good for; agents renew them with a day left.
    static let meshCertificateValidity: TimeInterval = 72 * 3600

    /// `GET /api/v1/mesh`: the mesh's document as applied, with its `ETag`.
    func getMesh() async throws -> Response {
        try await self.storedDocument(Self.meshDocumentKey, missing: "no mesh services or policy have been applied; apply them with teeadm mesh apply -f FILE")
    }

    /// `PUT /api/v1/mesh`: replaces the mesh's services and policy. The document is checked whole
    /// (every object, every reference) and refused with 422 and each problem's line otherwise.
    /// New services get a virtual IP; services keep the one they have.
    func applyMesh(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maxDocumentBytes)
        let format = (request.headers[.contentType] ?? "").contains("toml") ? "toml" : "yaml"
        let document = ConfigurationDocument(provider: ConfigurationDocument.meshProvider, name: ConfigurationDocument.meshPolicyName,
                                             format: format, content: String(buffer: body))
        let mesh: MeshConfiguration
        do {
            mesh = try ConfigurationDocument.loadMesh([document])
        } catch {
            return Self.error(.unprocessableContent, "the mesh document does not load; nothing was applied", details: error.errors.map(\.description))
        }
        do throws(EtcdError) {
            try await self.allocateVirtualIPs(for: mesh)
        } catch {
            guard case .unavailable = error else { throw error }
            return Self.error(.serviceUnavailable, await QuorumProbe(etcd: self.etcd, ownName: self.controllerName).describeLoss(error))
        }
        return try await self.store(document, key: Self.meshDocumentKey, request: request)
    }

    /// Gives every service of `mesh` a virtual IP, keeping the ones services have, and stores them
    /// (before the document, so that agents never see a service without its address for long).
    private func allocateVirtualIPs(for mesh: MeshConfiguration) async throws(EtcdError) {
        let stored = try await self.etcd.get(Self.meshAddressesKey)
        let current = stored.flatMap { try? JSONDecoder().decode(ConfigurationDocument.self, from: Data($0.value)) }
        let existing = current?.meshVirtualIPs ?? [:]
        let services = Set(mesh.services.map(\.identity))
        var allocator = VirtualIPAllocator(assigned: existing.filter { services.contains($0.key) })
        var addresses: [String: String] = [:]
        for service in mesh.services.map(\.identity).sorted(by: { $0.description < $1.description }) {
            if let address = allocator.address(for: service) { addresses[service.description] = address }
        }
        let content = String(decoding: (try? JSONSerialization.data(withJSONObject: addresses, options: [.sortedKeys])) ?? Data("{}".utf8), as: UTF8.self)
        let document = ConfigurationDocument(provider: ConfigurationDocument.meshProvider, name: ConfigurationDocument.meshAddressesName,
                                             format: "json", content: content)
        _ = try await self.write(document, key: Self.meshAddressesKey, conditions: [])
    }

    /// `PUT /api/v1/mesh/agents/:node` with `{"address": "host:port"}`: a mesh agent registers where
    /// other agents reach it; only the node itself (its certificate's name) may.
    func registerMeshAgent(_ request: Request, node: String, context: ControllerRequestContext) async throws -> Response {
        if let response = await Self.refuseUnlessNode(node, context: context) { return response }
        var request = request
        let body = try await request.collectBody(upTo: 4_096)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
              let address = object["address"] as? String, HostPort(parsing: address) != nil else {
            return Self.error(.badRequest, "send {\"address\": \"HOST:PORT\"}, where other agents reach this one")
        }
        let content = String(decoding: (try? JSONSerialization.data(withJSONObject: ["address": address], options: [.sortedKeys])) ?? Data(), as: UTF8.self)
        let name = ConfigurationDocument.meshAgentPrefix + node
        let document = ConfigurationDocument(provider: ConfigurationDocument.meshProvider, name: name, format: "json", content: content)
        return try await self.store(document, key: ClusterKeys.source(provider: ConfigurationDocument.meshProvider, name: name), request: request)
    }

    /// `POST /api/v1/mesh/identities` with `{"service": "name.namespace", "csr": PEM}`: signs a
    /// mesh service certificate (its SPIFFE ID and `.mesh` name) for the calling node, only when
    /// the mesh registers an instance of that service on it.
    func issueMeshIdentity(_ request: Request, context: ControllerRequestContext) async throws -> Response {
        guard let ca = self.certificateAuthority else {
            return Self.error(.serviceUnavailable, "this controller has no cluster CA (--ca-key-file); ask another")
        }
        guard let der = await context.clientCertificate, let caller = try? Certificate(derEncoded: der),
              let node = CertificateNames.commonName(of: caller) else {
            return Self.error(.unauthorized, "mesh certificates go to agents: call with the node's certificate (/etc/tee/pki/node.pem)")
        }
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
              let serviceName = object["service"] as? String, let csrPEM = object["csr"] as? String,
              let csr = try? CertificateSigningRequest(pemEncoded: csrPEM), csr.publicKey.isValidSignature(csr.signature, for: csr) else {
            return Self.error(.badRequest, "send {\"service\": \"NAME.NAMESPACE\", \"csr\": PEM} signed by the new key")
        }
        let labels = serviceName.split(separator: ".").map(String.init)
        guard labels.count == 2 else { return Self.error(.badRequest, "service must be NAME.NAMESPACE, such as api.shop") }
        let service = MeshServiceIdentity(name: labels[0], namespace: labels[1])
        let (stored, _) = try await self.readWithFallback(Self.meshDocumentKey)
        let document = stored.flatMap { try? JSONDecoder().decode(ConfigurationDocument.self, from: Data($0.value)) }
        let mesh = document.flatMap { try? ConfigurationDocument.loadMesh([$0]) }
        guard let mesh, mesh.services(on: node).contains(where: { $0.identity == service }) else {
            await self.events.record("mesh", "refused a certificate for \(service) to node \(node), which runs no instance of it")
            return Self.error(.forbidden, "node \(node) runs no instance of \(service); register one in the mesh (teeadm mesh apply) first")
        }
        let clusterName = ClusterCA.clusterName(of: ca.certificate)
        let certificate = try ca.issue(commonName: service.dnsName, names: [service.dnsName, service.spiffeID(cluster: clusterName)],
                                       publicKey: csr.publicKey, validity: Self.meshCertificateValidity)
        return Self.json(.ok, ["certificate": .string(try certificate.serializeAsPEM().pemString), "clusterName": .string(clusterName)])
    }

    /// 403 unless the caller's certificate names `node` (the unix socket, for root on a controller, may act for any node).
    private static func refuseUnlessNode(_ node: String, context: ControllerRequestContext) async -> Response? {
        guard let der = await context.clientCertificate else { return nil }
        guard let caller = try? Certificate(derEncoded: der), CertificateNames.commonName(of: caller) == node else {
            return Self.error(.forbidden, "only node \(node) itself may register its agent's address")
        }
        return nil
    }
}
