/// An error document from the CA (RFC 8555 §6.7, RFC 7807), or a failure talking to it.
public struct ACMEProblem: Error, Sendable, CustomStringConvertible {
    /// `urn:ietf:params:acme:error:…`, or `tee:…` for failures found on our side.
    public let type: String
    public let detail: String
    /// The HTTP status, 0 when the request never got an answer.
    public let status: Int
    /// The CA's `Retry-After`, in seconds, when it gave one.
    public let retryAfter: Int?

    public init(type: String, detail: String, status: Int = 0, retryAfter: Int? = nil) {
        self.type = type
        self.detail = detail
        self.status = status
        self.retryAfter = retryAfter
    }

    /// The CA refused because of its rate limits: wait before ordering again.
    public var isRateLimited: Bool { self.type.hasSuffix(":rateLimited") }
    public var isBadNonce: Bool { self.type.hasSuffix(":badNonce") }
    public var isAccountMissing: Bool { self.type.hasSuffix(":accountDoesNotExist") }

    public var description: String {
        let kind = self.type.split(separator: ":").last.map(String.init) ?? self.type
        return self.status > 0 ? "\(kind) (HTTP \(self.status)): \(self.detail)" : "\(kind): \(self.detail)"
    }
}
