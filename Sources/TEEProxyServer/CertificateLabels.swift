import NIOSSL
import TEEProxy
import SwiftASN1
import X509

/// A certificate as `tee_tls_certs_not_after` labels it, as Traefik does: its subject's common
/// name, its serial number in decimal, and its DNS names joined by commas.
struct CertificateLabels: Hashable {
    let commonName: String
    let serial: String
    let names: String

    init?(_ certificate: NIOSSLCertificate) {
        guard let der = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: der) else { return nil }
        self.commonName = parsed.subject.flatMap { $0 }.first { $0.type == .RDNAttributeType.commonName }
            .map { "\($0.value)" } ?? ""
        self.serial = UnsignedDecimal.text(bigEndian: certificate.serialNumber)
        let names = (try? parsed.extensions.subjectAlternativeNames) ?? nil
        self.names = names?.compactMap { name -> String? in
            if case .dnsName(let dns) = name { return dns }
            return nil
        }.joined(separator: ",") ?? ""
    }
}
