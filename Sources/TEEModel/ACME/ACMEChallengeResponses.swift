/// What the proxies answer to a CA validating an order: HTTP-01 key authorizations by token and
/// TLS-ALPN-01 certificates by domain. The ordering side puts them here; in a cluster they travel
/// in the snapshot, so whichever proxy the CA reaches can answer.
public struct ACMEChallengeResponses: Sendable, Equatable, Codable {
    /// `/.well-known/acme-challenge/TOKEN` → key authorization.
    public var httpTokens: [String: String] = [:]
    /// Domain → the self-signed certificate (PEM) and key (PEM) carrying the acmeIdentifier extension.
    public var tlsCertificates: [String: CertificateFiles] = [:]

    public init(httpTokens: [String: String] = [:], tlsCertificates: [String: CertificateFiles] = [:]) {
        self.httpTokens = httpTokens
        self.tlsCertificates = tlsCertificates
    }

    public var isEmpty: Bool { self.httpTokens.isEmpty && self.tlsCertificates.isEmpty }
}
