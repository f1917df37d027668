import NIOHTTP1

/// The answers of the authentication middlewares. A provider that cannot be asked never lets
/// a request through: it gets 503 (or 500 for forwardAuth, as Traefik answers).
enum AuthAnswer {
    /// 401, with a `WWW-Authenticate` challenge when one is given.
    static func unauthorized(challenge: String? = nil) -> MiddlewareOutcome {
        var headers = HTTPHeaders()
        if let challenge { headers.add(name: "WWW-Authenticate", value: challenge) }
        return .respond(SyntheticResponse(status: .unauthorized, headers: headers, body: "401 Unauthorized\n"))
    }

    /// 403: the credential is good but its claims do not allow the request.
    static let forbidden = MiddlewareOutcome.respond(SyntheticResponse(status: .forbidden, body: "403 Forbidden\n"))

    /// 503: the identity provider could not be asked.
    static let providerUnavailable = MiddlewareOutcome.respond(
        SyntheticResponse(status: .serviceUnavailable, body: "503 Service Unavailable: the identity provider did not answer\n"))
}
