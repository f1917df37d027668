public import Foundation

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
}
