public import Foundation
import TEEModel

/// One certificate as `teeadm cert`, the API and the log show it: who obtains it, until when it
/// is valid, and why the last attempt failed, if it did.
public struct ACMECertificateReport: Sendable, Equatable, Codable {
    public var resolver: String
    public var names: [String]
    /// The held certificate's expiry; nil when none has been obtained yet.
    public var notAfter: Date?
    /// Why the last order failed (the CA's words, or what tee found), until one succeeds.
    public var lastError: String?
    /// When the next attempt is due after a failure.
    public var retryAt: Date?

    public init(resolver: String, names: [String], notAfter: Date?, lastError: String?, retryAt: Date?) {
        self.resolver = resolver
        self.names = names
        self.notAfter = notAfter
        self.lastError = lastError
        self.retryAt = retryAt
    }

    /// JSON with ISO 8601 dates and sorted keys, as the API serves reports.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// Every certificate of an acme.json (Traefik's or tee's), for `teeadm cert acme --storage`.
    public static func reports(inStorage path: String) throws -> [ACMECertificateReport] {
        try ACMEStorageFile(path: path).read().sorted { $0.key < $1.key }.flatMap { name, resolver in
            resolver.certificates.map {
                ACMECertificateReport(resolver: name, names: $0.domain.names, notAfter: $0.notAfter, lastError: nil, retryAt: nil)
            }
        }
    }
}
