import Foundation
import NIOHTTP1
public import TEEModel
import SwiftASN1
import X509

/// `passTLSClientCert`: sets `X-Forwarded-Tls-Client-Cert` (the certificate's PEM body, URL-escaped)
/// and `X-Forwarded-Tls-Client-Cert-Info` (`Subject="…";Issuer="…";NB="…";NA="…";SAN="…"`,
/// URL-escaped) from the certificate the client presented, as Traefik does; without one, both
/// headers are removed so that a client cannot forge them.
public struct PassTLSClientCertMiddleware: RequestMiddleware {
    public let configuration: PassTLSClientCertConfiguration

    public init(_ configuration: PassTLSClientCertConfiguration) {
        self.configuration = configuration
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        request.head.headers.remove(name: "X-Forwarded-Tls-Client-Cert")
        request.head.headers.remove(name: "X-Forwarded-Tls-Client-Cert-Info")
        guard let der = request.clientCertificate else { return .proceed }
        if self.configuration.pem {
            request.head.headers.add(name: "X-Forwarded-Tls-Client-Cert", value: Self.escape(Data(der).base64EncodedString()))
        }
        if self.configuration.wantsInfo, let certificate = try? Certificate(derEncoded: der) {
            request.head.headers.add(name: "X-Forwarded-Tls-Client-Cert-Info", value: Self.escape(self.info(certificate)))
        }
        return .proceed
    }

    private func info(_ certificate: Certificate) -> String {
        var parts: [String] = []
        if let fields = self.configuration.subject { parts.append("Subject=\"\(Self.name(certificate.subject, fields))\"") }
        if let fields = self.configuration.issuer { parts.append("Issuer=\"\(Self.name(certificate.issuer, fields))\"") }
        if self.configuration.serialNumber { parts.append("SerialNumber=\"\(UnsignedDecimal.text(bigEndian: certificate.serialNumber.bytes))\"") }
        if self.configuration.notBefore { parts.append("NB=\"\(Int(certificate.notValidBefore.timeIntervalSince1970))\"") }
        if self.configuration.notAfter { parts.append("NA=\"\(Int(certificate.notValidAfter.timeIntervalSince1970))\"") }
        if self.configuration.sans {
            let names = (try? certificate.extensions.subjectAlternativeNames).flatMap { $0 }.map { Array($0) } ?? []
            let text = names.compactMap { name -> String? in
                switch name {
                case .dnsName(let value), .rfc822Name(let value), .uniformResourceIdentifier(let value): value
                case .ipAddress(let octets): Self.ipText(Array(octets.bytes))
                default: nil
                }
            }
            parts.append("SAN=\"\(text.joined(separator: ","))\"")
        }
        return parts.joined(separator: ";")
    }

    /// The selected parts of a name, in Traefik's order: C, ST, L, O, OU, CN, SN, DC.
    private static func name(_ name: DistinguishedName, _ fields: PassTLSClientCertConfiguration.NameFields) -> String {
        let wanted: [(Bool, ASN1ObjectIdentifier, String)] = [
            (fields.country, .RDNAttributeType.countryName, "C"),
            (fields.province, .RDNAttributeType.stateOrProvinceName, "ST"),
            (fields.locality, .RDNAttributeType.localityName, "L"),
            (fields.organization, .RDNAttributeType.organizationName, "O"),
            (fields.organizationalUnit, .RDNAttributeType.organizationalUnitName, "OU"),
            (fields.commonName, .RDNAttributeType.commonName, "CN"),
            (fields.serialNumber, [2, 5, 4, 5], "SN"),
            (fields.domainComponent, .RDNAttributeType.domainComponent, "DC"),
        ]
        let attributes = name.flatMap { $0 }
        return wanted.filter(\.0).flatMap { _, type, label in
            attributes.filter { $0.type == type }.map { "\(label)=\($0.value)" }
        }.joined(separator: ",")
    }

    private static func ipText(_ bytes: [UInt8]) -> String? {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        if bytes.count == 16 { return IPAddress(bytes: bytes)?.description }
        return nil
    }

    /// Go's `url.QueryEscape`.
    static func escape(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                result += "+"
            default:
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }
}
