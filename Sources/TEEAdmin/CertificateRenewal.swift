import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import SwiftASN1
import TEEPKI
import X509

/// `teeadm certs renew`: a new key and a one-year certificate for this node, with the same name
/// and host names. A controller signs its own with the CA key it holds; any other node asks a
/// controller, presenting its current certificate. The files are replaced atomically; new
/// connections use the new certificate while open ones carry on (no downtime).
public struct CertificateRenewal: Sendable {
    public let configDirectory: String
    /// A controller's API address (`host:port`), for nodes without the CA key.
    public let controller: String?

    public init(configDirectory: String, controller: String?) {
        self.configDirectory = configDirectory
        self.controller = controller
    }

    var pki: String { "\(self.configDirectory)/pki" }

    /// Renews; returns the new certificate's expiry.
    public func run() async throws(AdminError) -> Date {
        guard let currentPEM = try? String(contentsOfFile: "\(self.pki)/node.pem", encoding: .utf8),
              let current = try? Certificate(pemEncoded: currentPEM) else {
            throw AdminError("\(self.pki)/node.pem is missing or damaged: is this node part of a cluster?")
        }
        let commonName = CertificateNames.commonName(of: current) ?? "node"
        let certificatePEM: String
        let keyPEM: String
        if let caKey = try? String(contentsOfFile: "\(self.pki)/ca.key", encoding: .utf8),
           let caPEM = try? String(contentsOfFile: "\(self.pki)/ca.pem", encoding: .utf8) {
            do {
                let ca = try ClusterCA(certificatePEM: caPEM, keyPEM: caKey)
                let credentials = try NodeCredentials.issue(by: ca, commonName: commonName, names: CertificateNames.alternativeNames(of: current))
                (certificatePEM, keyPEM) = (credentials.certificatePEM, credentials.keyPEM)
            } catch {
                throw AdminError("cannot sign with \(self.pki)/ca.key: \(error)")
            }
        } else {
            guard let controller = self.controller else {
                throw AdminError("this node has no CA key: give --controller HOST:7440 to have a controller sign the new certificate")
            }
            let request: NodeKeyRequest
            do {
                request = try NodeKeyRequest(nodeName: commonName)
            } catch {
                throw AdminError("cannot make a key: \(error)")
            }
            certificatePEM = try await self.askController(controller, csr: request.csrPEM)
            guard request.matches(certificatePEM: certificatePEM) else { throw AdminError("the controller's certificate is not for the new key") }
            keyPEM = request.keyPEM
        }
        try Self.replace("\(self.pki)/node.key", with: keyPEM, mode: 0o600)
        try Self.replace("\(self.pki)/node.pem", with: certificatePEM, mode: 0o644)
        return (try? Certificate(pemEncoded: certificatePEM).notValidAfter) ?? Date()
    }

    private func askController(_ controller: String, csr: String) async throws(AdminError) -> String {
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            tls.trustRoots = .file("\(self.pki)/ca.pem")
            tls.certificateVerification = .noHostnameVerification
            tls.certificateChain = try NIOSSLCertificate.fromPEMFile("\(self.pki)/node.pem").map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: "\(self.pki)/node.key", format: .pem))
        } catch {
            throw AdminError("cannot load this node's certificate and key: \(error)")
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
        var request = HTTPClientRequest(url: "https://\(controller)/api/v1/certs/renew")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let body = (try? JSONSerialization.data(withJSONObject: ["csr": csr])) ?? Data()
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .seconds(15))
            let text = String(buffer: try await response.body.collect(upTo: 1024 * 1024))
            try? await client.shutdown()
            let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
            guard response.status == .ok, let certificate = object["certificate"] as? String else {
                throw AdminError("the controller refused (\(response.status.code)): \(object["error"] as? String ?? text)")
            }
            return certificate
        } catch let error as AdminError {
            throw error
        } catch {
            try? await client.shutdown()
            throw AdminError("cannot reach the controller at \(controller): \(error)")
        }
    }

    /// Writes a new file beside the old and renames it over, so readers see one or the other; the
    /// daemons' user keeps owning it.
    static func replace(_ path: String, with contents: String, mode: Int) throws(AdminError) {
        let temporary = path + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(contents.utf8), attributes: [.posixPermissions: mode]),
              rename(temporary, path) == 0 else {
            throw AdminError("cannot replace \(path)")
        }
        try ServiceUser().own([path])
    }
}
