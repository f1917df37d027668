public import TEEModel

/// Makes one kind of challenge answerable, and takes it down afterwards: HTTP-01 tokens and
/// TLS-ALPN-01 certificates go to the proxies, DNS-01 TXT records to the zone's server.
public protocol ACMEChallengeSolver: Sendable {
    /// Ready when this returns: the CA may validate at once.
    func present(_ kind: ACMEChallengeKind, domain: String, token: String, keyAuthorization: String) async throws
    func cleanUp(_ kind: ACMEChallengeKind, domain: String, token: String, keyAuthorization: String) async
}
