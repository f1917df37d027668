import Foundation
@testable import TEEController
import TEETesting
import Testing

@Suite("certificate storage: sealing keys, checking chains")
struct CertificateStorageTests {
    @Test("a sealed key opens with its data key only, and never shows the plaintext")
    func sealing() throws {
        let key = DataKey(bytes: Array(repeating: 7, count: 32))
        let sealed = try key.seal(Array("-----BEGIN PRIVATE KEY-----".utf8))
        #expect(!sealed.contains("PRIVATE"))
        #expect(try key.open(sealed) == Array("-----BEGIN PRIVATE KEY-----".utf8))
        #expect(throws: (any Error).self) { try DataKey(bytes: Array(repeating: 8, count: 32)).open(sealed) }
        #expect(try key.seal([1, 2, 3]) != key.seal([1, 2, 3]), "each seal has its own nonce")
    }

    @Test("a certificate and its key pass; another key, or text that is not PEM, does not")
    func inspection() async throws {
        let pki = try await TestCertificates()
        let site = try await pki.issue("site", names: ["site.test", "10.0.0.1"])
        let other = try await pki.issue("other", names: ["other.test"])
        let certificate = try String(contentsOfFile: site.certFile, encoding: .utf8)
        let facts = try StoredCertificate.inspect(certificate: certificate, key: try String(contentsOfFile: site.keyFile, encoding: .utf8))
        #expect(facts.names == ["site.test", "10.0.0.1"])
        #expect(facts.subject.contains("site.test") && facts.issuer.contains("tee test CA"))
        #expect(throws: CertificateProblem.self) {
            try StoredCertificate.inspect(certificate: certificate, key: try String(contentsOfFile: other.keyFile, encoding: .utf8))
        }
        #expect(throws: CertificateProblem.self) { try StoredCertificate.inspect(certificate: "not pem", key: "not pem") }
    }
}
