import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
public import NIOSSL
public import TEEModel
import SwiftASN1
import X509

/// A clustered agent's calls to the controllers' API (mTLS with the node's certificate): it
/// registers where other agents reach it, and gets its services' certificates signed (the
/// controllers sign only for services registered on this node). Certificates are kept in the
/// state directory, so an agent restarted while no controller answers still has them.
public final class MeshControllerClient: MeshIdentityIssuer {
    private let controllers: [String]
    private let client: HTTPClient
    private let stateDirectory: String
    public let trustRoots: [NIOSSLCertificate]

    /// - Parameters:
    ///   - controllers: the controllers' API addresses (`host:7440`), tried in turn.
    public init(controllers: [String], caFile: String, certFile: String, keyFile: String, stateDirectory: String) throws {
        self.controllers = controllers
        self.stateDirectory = stateDirectory
        self.trustRoots = try NIOSSLCertificate.fromPEMFile(caFile)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(self.trustRoots)
        tls.certificateVerification = .noHostnameVerification  // controllers' certificates name addresses
        tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certFile).map { .certificate($0) }
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
    }

    /// Closes the client's connections.
    public func shutdown() async {
        try? await self.client.shutdown()
    }

    /// Registers this agent's inter-agent address for `node`.
    public func register(node: String, address: HostPort) async throws {
        _ = try await self.call(.PUT, "/api/v1/mesh/agents/\(node)", ["address": address.description])
    }

    public func credential(for service: MeshServiceIdentity) async throws -> MeshServiceCredential {
        let key = P256.Signing.PrivateKey()
        let csr = try CertificateSigningRequest(version: .v1, subject: try DistinguishedName { CommonName(service.dnsName) },
                                                privateKey: Certificate.PrivateKey(key), attributes: CertificateSigningRequest.Attributes())
        let files = (certificate: "\(self.stateDirectory)/identities/\(service.name).\(service.namespace).pem",
                     key: "\(self.stateDirectory)/identities/\(service.name).\(service.namespace).key")
        do {
            let answer = try await self.call(.POST, "/api/v1/mesh/identities",
                                             ["service": "\(service.name).\(service.namespace)", "csr": try csr.serializeAsPEM().pemString])
            guard let certificatePEM = answer["certificate"] as? String else { throw MeshError("the controller answered without a certificate") }
            try? FileManager.default.createDirectory(atPath: "\(self.stateDirectory)/identities", withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
            FileManager.default.createFile(atPath: files.key, contents: Data(key.pemRepresentation.utf8), attributes: [.posixPermissions: 0o600])
            FileManager.default.createFile(atPath: files.certificate, contents: Data(certificatePEM.utf8), attributes: [.posixPermissions: 0o644])
            return try Self.credential(certificatePEM: certificatePEM, keyPEM: key.pemRepresentation)
        } catch let error as MeshError where error.isRefusal {
            throw error  // refused: a kept certificate must not outlive the registration
        } catch {
            // No controller answered: the certificate kept from before, while it is valid.
            guard let certificatePEM = FileManager.default.contents(atPath: files.certificate).map({ String(decoding: $0, as: UTF8.self) }),
                  let keyPEM = FileManager.default.contents(atPath: files.key).map({ String(decoding: $0, as: UTF8.self) }),
                  let kept = try? Self.credential(certificatePEM: certificatePEM, keyPEM: keyPEM), kept.notValidAfter > .now else {
                throw error
            }
            return kept
        }
    }

    /// A credential whose expiry is read from the certificate.
    static func credential(certificatePEM: String, keyPEM: String) throws -> MeshServiceCredential {
        let certificate = try Certificate(pemEncoded: certificatePEM)
        let remaining = certificate.notValidAfter.timeIntervalSinceNow
        return try MeshServiceCredential(certificatePEM: certificatePEM, keyPEM: keyPEM, validity: .seconds(max(0, remaining)))
    }

    /// A JSON call to the first controller that answers; a refusal (4xx) is not tried elsewhere.
    private func call(_ method: HTTPMethod, _ path: String, _ body: [String: String]) async throws -> [String: Any] {
        var lastError: any Error = MeshError("no controller API address is configured (controllerAPI)")
        for controller in self.controllers {
            var request = HTTPClientRequest(url: "https://\(controller)\(path)")
            request.method = method
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
            do {
                let response = try await self.client.execute(request, timeout: .seconds(10))
                let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
                let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
                if response.status.code == 200 { return object }
                let reason = "\(controller) answered \(response.status.code): \(object["error"] as? String ?? text)"
                if (400..<500).contains(response.status.code) { throw MeshError(reason, isRefusal: true) }
                lastError = MeshError(reason)
            } catch let error as MeshError where error.isRefusal {
                throw error
            } catch {
                lastError = error
            }
        }
        throw lastError
    }
}
