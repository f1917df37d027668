import Crypto
import Foundation
import SwiftASN1
import TEEModel
import X509

/// The self-signed certificate that answers a TLS-ALPN-01 challenge (RFC 8737 §3): the domain as
/// its only name and the critical acmeIdentifier extension holding SHA-256 of the key authorization.
enum TLSALPNChallengeCertificate {
    /// id-pe-acmeIdentifier.
    static let acmeIdentifier: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 1, 31]

    static func make(domain: String, keyAuthorization: String) throws -> CertificateFiles {
        let key = P256.Signing.PrivateKey()
        let privateKey = Certificate.PrivateKey(key)
        let digest = SHA256Digest.of(keyAuthorization)
        var serializer = DER.Serializer()
        try serializer.serialize(ASN1OctetString(contentBytes: digest[...]))
        let name = try DistinguishedName { CommonName("ACME challenge for \(domain)") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: privateKey.publicKey,
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(7 * 24 * 3600),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                SubjectAlternativeNames([.dnsName(domain)])
                Certificate.Extension(oid: Self.acmeIdentifier, critical: true, value: serializer.serializedBytes[...])
            },
            issuerPrivateKey: privateKey)
        return CertificateFiles(certFile: try certificate.serializeAsPEM().pemString, keyFile: key.pemRepresentation)
    }
}
