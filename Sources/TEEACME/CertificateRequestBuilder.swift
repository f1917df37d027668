import SwiftASN1
import X509

/// The CSR sent to finalize an order: the names as subject alternative names, the first as common name.
enum CertificateRequestBuilder {
    static func der(names: [String], key: Certificate.PrivateKey, signature: Certificate.SignatureAlgorithm) throws -> [UInt8] {
        let subject = try DistinguishedName { CommonName(names[0]) }
        let extensions = try Certificate.Extensions {
            SubjectAlternativeNames(names.map { GeneralName.dnsName($0) })
        }
        var attributes = CertificateSigningRequest.Attributes()
        attributes.insert(try CertificateSigningRequest.Attribute(ExtensionRequest(extensions: extensions)))
        let csr = try CertificateSigningRequest(version: .v1, subject: subject, privateKey: key, attributes: attributes,
                                                signatureAlgorithm: signature)
        var serializer = DER.Serializer()
        try serializer.serialize(csr)
        return serializer.serializedBytes
    }
}
