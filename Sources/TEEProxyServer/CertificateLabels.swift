import NIOSSL
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
        self.serial = Self.decimal(certificate.serialNumber)
        let names = (try? parsed.extensions.subjectAlternativeNames) ?? nil
        self.names = names?.compactMap { name -> String? in
            if case .dnsName(let dns) = name { return dns }
            return nil
        }.joined(separator: ",") ?? ""
    }

    /// A big-endian unsigned number in decimal (serials are up to 20 bytes).
    static func decimal(_ bytes: [UInt8]) -> String {
        var digits: [UInt8] = [0]  // little-endian base-10 digits
        for byte in bytes {
            var carry = Int(byte)
            for index in digits.indices {
                let value = Int(digits[index]) * 256 + carry
                digits[index] = UInt8(value % 10)
                carry = value / 10
            }
            while carry > 0 {
                digits.append(UInt8(carry % 10))
                carry /= 10
            }
        }
        while digits.count > 1, digits.last == 0 { digits.removeLast() }
        return String(digits.reversed().map { Character(String($0)) })
    }
}
