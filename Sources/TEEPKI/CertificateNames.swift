public import X509
import SwiftASN1

/// The names a certificate carries: its subject's common name, and its subject alternative names
/// (host names, IPv4 addresses in dotted form, and URIs such as a mesh service's SPIFFE ID).
public enum CertificateNames {
    public static func commonName(of certificate: Certificate) -> String? {
        certificate.subject.compactMap { $0.description.hasPrefix("CN=") ? String($0.description.dropFirst(3)) : nil }.first
    }

    public static func alternativeNames(of certificate: Certificate) -> [String] {
        var names: [String] = []
        for name in (try? certificate.extensions.subjectAlternativeNames) ?? SubjectAlternativeNames([]) {
            switch name {
            case .dnsName(let dns): names.append(dns)
            case .ipAddress(let bytes): names.append(bytes.bytes.map(String.init).joined(separator: "."))
            case .uniformResourceIdentifier(let uri): names.append(uri)
            default: break
            }
        }
        return names
    }
}
