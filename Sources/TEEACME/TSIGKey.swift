import Crypto
import Foundation

/// A TSIG key (RFC 8945) that signs dynamic updates: its name, algorithm and secret.
struct TSIGKey: Sendable {
    /// The algorithms lego's rfc2136 provider accepts, by their DNS names (without the final dot).
    static let algorithms = ["hmac-md5.sig-alg.reg.int", "hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512"]

    let name: String
    let algorithm: String
    let secret: [UInt8]

    init(name: String, algorithm: String, secretBase64: String) throws {
        var algorithm = algorithm.lowercased()
        if algorithm.hasSuffix(".") { algorithm.removeLast() }
        guard Self.algorithms.contains(algorithm) else {
            throw ACMEProblem(type: "tee:dnsConfiguration",
                              detail: "RFC2136_TSIG_ALGORITHM '\(algorithm)' is not one of \(Self.algorithms.map { $0 + "." }.joined(separator: ", "))")
        }
        guard let secret = Data(base64Encoded: secretBase64.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ACMEProblem(type: "tee:dnsConfiguration", detail: "RFC2136_TSIG_SECRET is not base64 (copy the secret of the key from the DNS server's configuration)")
        }
        self.name = name.hasSuffix(".") ? String(name.dropLast()) : name
        self.algorithm = algorithm
        self.secret = Array(secret)
    }

    /// Signs `message` (a complete message without TSIG) and returns it with the TSIG record added.
    func sign(_ message: DNSMessageWriter, id: UInt16, now: Date = Date()) -> [UInt8] {
        let timeSigned = UInt64(now.timeIntervalSince1970)
        let fudge: UInt16 = 300
        // The digest covers the message, then the TSIG variables (RFC 8945 §4.3.3).
        var variables: [UInt8] = []
        DNSMessageWriter.appendName(&variables, self.name.lowercased())
        DNSMessageWriter.append16(&variables, DNSMessageWriter.classANY)
        DNSMessageWriter.append32(&variables, 0)
        DNSMessageWriter.appendName(&variables, self.algorithm)
        let time = Self.time48(timeSigned)
        variables += time
        DNSMessageWriter.append16(&variables, fudge)
        DNSMessageWriter.append16(&variables, 0)  // error
        DNSMessageWriter.append16(&variables, 0)  // other length
        let mac = self.mac(message.bytes + variables)

        var rdata: [UInt8] = []
        DNSMessageWriter.appendName(&rdata, self.algorithm)
        rdata += time
        DNSMessageWriter.append16(&rdata, fudge)
        DNSMessageWriter.append16(&rdata, UInt16(mac.count))
        rdata += mac
        DNSMessageWriter.append16(&rdata, id)
        DNSMessageWriter.append16(&rdata, 0)
        DNSMessageWriter.append16(&rdata, 0)
        var record: [UInt8] = []
        DNSMessageWriter.appendName(&record, self.name.lowercased())
        DNSMessageWriter.append16(&record, DNSMessageWriter.typeTSIG)
        DNSMessageWriter.append16(&record, DNSMessageWriter.classANY)
        DNSMessageWriter.append32(&record, 0)
        DNSMessageWriter.append16(&record, UInt16(rdata.count))
        record += rdata
        var signed = message
        signed.appendAdditional(record)
        return signed.bytes
    }

    private func mac(_ data: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: self.secret)
        switch self.algorithm {
        case "hmac-md5.sig-alg.reg.int": return Array(HMAC<Insecure.MD5>.authenticationCode(for: data, using: key))
        case "hmac-sha1": return Array(HMAC<Insecure.SHA1>.authenticationCode(for: data, using: key))
        case "hmac-sha384": return Array(HMAC<SHA384>.authenticationCode(for: data, using: key))
        case "hmac-sha512": return Array(HMAC<SHA512>.authenticationCode(for: data, using: key))
        default: return Array(HMAC<SHA256>.authenticationCode(for: data, using: key))
        }
    }

    private static func time48(_ seconds: UInt64) -> [UInt8] {
        (0..<6).reversed().map { UInt8((seconds >> (UInt64($0) * 8)) & 0xff) }
    }
}
