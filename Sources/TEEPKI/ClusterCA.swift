import Crypto
public import Foundation
import SwiftASN1
public import X509

/// The cluster's certificate authority: ECDSA P-256, ten years. It signs every node's
/// certificate; its public key's hash (`sha256:…`) pins it for joining nodes.
public struct ClusterCA: Sendable {
    public let certificate: Certificate
    let privateKey: Certificate.PrivateKey

    /// Ten years, as kubeadm's CA.
    public static let validity: TimeInterval = 10 * 365 * 24 * 3600
    /// One year, as kubeadm's leaf certificates.
    public static let nodeValidity: TimeInterval = 365 * 24 * 3600

    /// A new CA for the cluster called `clusterName`.
    public static func create(clusterName: String, now: Date = Date()) throws -> ClusterCA {
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let name = try DistinguishedName {
            OrganizationName("tee")
            CommonName("\(clusterName) cluster CA")
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(Self.validity),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: key)
        return ClusterCA(certificate: certificate, privateKey: key)
    }

    init(certificate: Certificate, privateKey: Certificate.PrivateKey) {
        self.certificate = certificate
        self.privateKey = privateKey
    }

    /// Loads a CA from its PEM files' contents.
    public init(certificatePEM: String, keyPEM: String) throws {
        self.certificate = try Certificate(pemEncoded: certificatePEM)
        self.privateKey = try Certificate.PrivateKey(pemEncoded: keyPEM)
        guard self.privateKey.publicKey == self.certificate.publicKey else { throw PKIError("the CA key is not the CA certificate's") }
    }

    public var certificatePEM: String { (try? self.certificate.serializeAsPEM().pemString) ?? "" }
    public var keyPEM: String { (try? self.privateKey.serializeAsPEM().pemString) ?? "" }

    /// `sha256:` and the hex SHA-256 of the CA's DER SubjectPublicKeyInfo: what `teeadm join
    /// --ca-cert-hash` pins (kubeadm's scheme).
    public var pin: String { Self.pin(of: self.certificate) }

    public static func pin(of certificate: Certificate) -> String {
        let spki = SubjectPublicKeyInfoBytes(certificate.publicKey).bytes
        return "sha256:" + SHA256.hash(data: spki).map { String(format: "%02x", $0) }.joined()
    }

    /// The cluster's name, as the CA certificate's common name ("<name> cluster CA") carries it:
    /// the trust domain of the mesh's SPIFFE IDs.
    public static func clusterName(of certificate: Certificate) -> String {
        let commonName = CertificateNames.commonName(of: certificate) ?? "tee"
        return commonName.hasSuffix(" cluster CA") ? String(commonName.dropLast(" cluster CA".count)) : commonName
    }

    /// Signs a certificate for `publicKey` naming `commonName`, good for servers and clients
    /// (etcd peers need both) for every host name and address in `names`; a `spiffe://` name
    /// becomes a URI name (a mesh service's identity).
    public func issue(commonName: String, names: [String], publicKey: Certificate.PublicKey, now: Date = Date(),
                      validity: TimeInterval = ClusterCA.nodeValidity) throws -> Certificate {
        let subject = try DistinguishedName {
            OrganizationName("tee")
            CommonName(commonName)
        }
        let alternatives: [GeneralName] = names.map { name in
            if let address = IPv4Bytes(name) { return .ipAddress(ASN1OctetString(contentBytes: address.bytes[...])) }
            if name.hasPrefix("spiffe://") { return .uniformResourceIdentifier(name) }
            return .dnsName(name)
        }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(validity),
            issuer: self.certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth, .clientAuth])
                SubjectAlternativeNames(alternatives)
            },
            issuerPrivateKey: self.privateKey)
    }
}

/// The DER SubjectPublicKeyInfo of a public key (algorithm and key, as `openssl pkey -pubin
/// -outform der` writes it).
struct SubjectPublicKeyInfoBytes {
    let bytes: [UInt8]

    init(_ key: Certificate.PublicKey) {
        var serializer = DER.Serializer()
        try? serializer.serialize(key)
        self.bytes = serializer.serializedBytes
    }
}

/// A dotted IPv4 address as 4 bytes.
struct IPv4Bytes {
    let bytes: [UInt8]

    init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard let value = UInt8(part), String(value) == part else { return nil }
            bytes.append(value)
        }
        self.bytes = bytes
    }
}
