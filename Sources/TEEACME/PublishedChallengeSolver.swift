public import TEEModel

/// Answers HTTP-01 and TLS-ALPN-01 through the proxies: the key authorization (or the
/// acmeIdentifier certificate) is added to the published challenge answers, and removed after.
public struct PublishedChallengeSolver: ACMEChallengeSolver {
    let board: ACMEChallengeBoard

    public init(board: ACMEChallengeBoard) {
        self.board = board
    }

    public func present(_ kind: ACMEChallengeKind, domain: String, token: String, keyAuthorization: String) async throws {
        switch kind {
        case .http01:
            try await self.board.change { $0.httpTokens[token] = keyAuthorization }
        case .tlsALPN01:
            let certificate = try TLSALPNChallengeCertificate.make(domain: domain, keyAuthorization: keyAuthorization)
            try await self.board.change { $0.tlsCertificates[domain] = certificate }
        case .dns01:
            throw ACMEProblem(type: "tee:solver", detail: "dns-01 is answered by the DNS provider, not the proxies")
        }
    }

    public func cleanUp(_ kind: ACMEChallengeKind, domain: String, token: String, keyAuthorization: String) async {
        try? await self.board.change {
            $0.httpTokens[token] = nil
            if kind == .tlsALPN01 { $0.tlsCertificates[domain] = nil }
        }
    }
}
