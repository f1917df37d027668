import Foundation
import SwiftASN1
import TEEPKI
import TEETesting
import Testing
import X509

@Suite("the cluster CA and node certificates")
struct ClusterCATests {
    @Test("a new CA is a 10-year CA; a node certificate it issues is signed by it, names hosts and addresses, serves and connects")
    func issue() throws {
        let now = Date()
        let ca = try ClusterCA.create(clusterName: "prod", now: now)
        #expect(ca.certificate.notValidAfter.timeIntervalSince(now) > 9.9 * 365 * 24 * 3600)
        #expect(try ca.certificate.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        #expect("\(ca.certificate.subject)".contains("prod cluster CA"))

        let node = try NodeCredentials.issue(by: ca, commonName: "c1", names: ["c1", "10.0.0.5"])
        #expect(ca.certificate.publicKey.isValidSignature(node.certificate.signature, for: node.certificate))
        #expect(node.certificate.issuer == ca.certificate.subject)
        let validity = node.certificate.notValidAfter.timeIntervalSince(node.certificate.notValidBefore)
        #expect(validity > 364 * 24 * 3600 && validity < 366 * 24 * 3600)
        let names = try #require(try node.certificate.extensions.subjectAlternativeNames)
        #expect(names.contains(.dnsName("c1")))
        #expect(names.contains { if case .ipAddress(let bytes) = $0 { return Array(bytes.bytes) == [10, 0, 0, 5] } else { return false } })
        let usages = try #require(try node.certificate.extensions.extendedKeyUsage)
        #expect(usages.contains(.serverAuth) && usages.contains(.clientAuth))
    }

    @Test("a mesh service's certificate carries its SPIFFE ID as a URI name, as openssl reads it")
    func spiffeIdentity() async throws {
        let ca = try ClusterCA.create(clusterName: "prod")
        let spiffe = "spiffe://prod/ns/shop/svc/api"
        let agent = try NodeCredentials.issue(by: ca, commonName: "api.shop", names: [spiffe])
        let names = try #require(try agent.certificate.extensions.subjectAlternativeNames)
        #expect(names.contains(.uniformResourceIdentifier(spiffe)))
        #expect(CertificateNames.alternativeNames(of: agent.certificate) == [spiffe])
        // openssl, not our own reader, says what the certificate holds.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tee-spiffe-\(UUID().uuidString).pem").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try agent.certificatePEM.write(toFile: file, atomically: true, encoding: .utf8)
        let openssl = try DaemonProcess("/usr/bin/openssl", ["x509", "-in", file, "-noout", "-ext", "subjectAltName"])
        #expect(await openssl.waitForExit() == 0)
        #expect(openssl.log.contains("URI:\(spiffe)"), "\(openssl.log)")
    }

    @Test("a CA survives its PEM round trip with the same pin; a key from elsewhere is refused")
    func roundTrip() throws {
        let ca = try ClusterCA.create(clusterName: "tee")
        let loaded = try ClusterCA(certificatePEM: ca.certificatePEM, keyPEM: ca.keyPEM)
        #expect(loaded.pin == ca.pin)
        #expect(ca.pin.wholeMatch(of: /sha256:[0-9a-f]{64}/) != nil)
        let other = try ClusterCA.create(clusterName: "other")
        #expect(other.pin != ca.pin)
        #expect(throws: (any Error).self) { try ClusterCA(certificatePEM: ca.certificatePEM, keyPEM: other.keyPEM) }
    }
}
