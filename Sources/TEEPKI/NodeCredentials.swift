import Crypto
import SwiftASN1
public import X509

/// A node's key and the certificate the CA signed for it.
public struct NodeCredentials: Sendable {
    public let certificate: Certificate
    let privateKey: Certificate.PrivateKey

    /// A new P-256 key for a node, and its certificate from `ca`.
    public static func issue(by ca: ClusterCA, commonName: String, names: [String]) throws -> NodeCredentials {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        return NodeCredentials(certificate: try ca.issue(commonName: commonName, names: names, publicKey: key.publicKey), privateKey: key)
    }

    public var certificatePEM: String { (try? self.certificate.serializeAsPEM().pemString) ?? "" }
    public var keyPEM: String { (try? self.privateKey.serializeAsPEM().pemString) ?? "" }
}

/// A joining node's new key and its certificate signing request, before the cluster signs it.
public struct NodeKeyRequest: Sendable {
    let privateKey: Certificate.PrivateKey
    public let csrPEM: String

    public init(nodeName: String) throws {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let subject = try DistinguishedName {
            OrganizationName("tee")
            CommonName(nodeName)
        }
        let csr = try CertificateSigningRequest(version: .v1, subject: subject, privateKey: key,
                                                attributes: CertificateSigningRequest.Attributes(), signatureAlgorithm: .ecdsaWithSHA256)
        self.privateKey = key
        self.csrPEM = try csr.serializeAsPEM().pemString
    }

    public var keyPEM: String { (try? self.privateKey.serializeAsPEM().pemString) ?? "" }

    /// Whether `certificatePEM` certifies this key.
    public func matches(certificatePEM: String) -> Bool {
        (try? Certificate(pemEncoded: certificatePEM).publicKey) == self.privateKey.publicKey
    }
}
