import NIOHTTP1
import TEEModel

/// Applies a ``ClaimsPolicy`` to a request whose token was accepted: the `claims` condition
/// (403 when it does not hold), `forwardHeaders` and `usernameClaim`.
struct ClaimsEnforcer: Sendable {
    let policy: ClaimsPolicy

    func apply(_ claims: ClaimValue, to request: inout ProxyRequest) -> MiddlewareOutcome {
        if let condition = self.policy.claims, !condition.matches(claims) { return AuthAnswer.forbidden }
        for (header, path) in self.policy.forwardHeaders {
            request.head.headers.replaceOrAdd(name: header, value: claims.value(at: path)?.text ?? "")
        }
        if let path = self.policy.usernameClaim, let name = claims.value(at: path)?.text, !name.isEmpty {
            request.clientUsername = name
        }
        return .proceed
    }
}
