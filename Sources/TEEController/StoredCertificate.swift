import Foundation
import SwiftASN1
import TEEPKI
import X509

/// A TLS certificate kept by the cluster (`/tee/certs/<name>`): the chain in PEM, the private
/// key sealed with the data key, and what `teeadm cert list` shows.
struct StoredCertificate: Sendable, Codable, Hashable {
    var name: String
    var certificate: String
    var sealedKey: String
    /// The certificate served when no other matches the server name.
    var isDefault: Bool
    var subject: String
    var names: [String]
    var issuer: String
    /// Unix seconds.
    var notAfter: Double

    /// Checks a chain and key before they are stored: both parse, the key is the leaf's, each
    /// certificate is issued by the next, and the leaf has not expired.
    static func inspect(certificate: String, key: String) throws(CertificateProblem) -> (subject: String, names: [String], issuer: String, notAfter: Double) {
        let chain: [Certificate]
        do {
            chain = try PEMDocumentList(certificate).documents.map { try Certificate(pemEncoded: $0) }
        } catch {
            throw CertificateProblem("the certificate is not PEM: \(error)")
        }
        guard let leaf = chain.first else { throw CertificateProblem("no certificate in the PEM") }
        let privateKey: Certificate.PrivateKey
        do {
            privateKey = try Certificate.PrivateKey(pemEncoded: key)
        } catch {
            throw CertificateProblem("the key is not a PEM private key (PKCS#8, SEC1 or PKCS#1): \(error)")
        }
        guard privateKey.publicKey == leaf.publicKey else {
            throw CertificateProblem("the key does not belong to the certificate for \(leaf.subject)")
        }
        for (certificate, issuer) in zip(chain, chain.dropFirst()) where certificate.issuer != issuer.subject {
            throw CertificateProblem("the chain is out of order: \(certificate.subject) is not issued by \(issuer.subject)")
        }
        guard leaf.notValidAfter > Date() else { throw CertificateProblem("the certificate expired on \(leaf.notValidAfter)") }
        let names = CertificateNames.alternativeNames(of: leaf)
        return ("\(leaf.subject)", names, "\(leaf.issuer)", leaf.notValidAfter.timeIntervalSince1970)
    }
}

/// Why a certificate was not stored.
struct CertificateProblem: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The PEM blocks of a text, each kept whole.
struct PEMDocumentList {
    let documents: [String]

    init(_ text: String) {
        var documents: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("-----BEGIN") { current = [] }
            current.append(Substring(trimmed))
            if trimmed.hasPrefix("-----END") { documents.append(current.joined(separator: "\n")) }
        }
        self.documents = documents
    }
}
