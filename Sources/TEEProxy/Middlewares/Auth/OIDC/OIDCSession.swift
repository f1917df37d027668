/// What the oidc middleware's session cookie holds (sealed by ``SessionCipher``).
struct OIDCSession: Codable, Sendable {
    /// The ID token's claims, as JSON.
    var claims: String
    var refreshToken: String?
    /// When the claims expire (the ID token's `exp`, seconds since 1970).
    var claimsExpiry: Double
    /// When the session ends (`session.expiry` after it began, or after the last request when sliding).
    var expiry: Double
    /// The CSRF token unsafe requests echo (`csrf`).
    var csrf: String?
}
