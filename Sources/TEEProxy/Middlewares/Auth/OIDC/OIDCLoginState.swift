/// What the oidc middleware's state cookie holds between the redirect to the provider and the callback.
struct OIDCLoginState: Codable, Sendable {
    var state: String
    var nonce: String
    /// PKCE's code verifier (`pkce`).
    var verifier: String?
    /// Where the user goes after logging in.
    var target: String
    var created: Double
}
