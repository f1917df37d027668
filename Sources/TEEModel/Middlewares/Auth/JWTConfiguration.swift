import Foundation

/// `plugin.jwt` (Traefik Hub's keys): requests must carry a JSON Web Token (`Authorization:
/// Bearer`, else the `tokenKey` query parameter) signed by one of the keys and valid in time
/// (`exp`, `nbf`, `iat`); `claims`, `forwardHeaders` and `usernameClaim` use its claims.
public struct JWTConfiguration: Sendable, Equatable {
    /// Where the verification keys come from: exactly one source.
    public enum KeySource: Sendable, Equatable {
        /// `signingSecret` (HS256, HS384, HS512).
        case signingSecret([UInt8])
        /// `publicKey`: a PEM public key (RSA, ECDSA or Ed25519).
        case publicKey(String)
        /// `jwksFile`: a JWK set, read when the configuration is.
        case jwks(String)
        /// `jwksUrl`: a JWK set fetched from the URL, cached and refreshed.
        case jwksURL(UpstreamURL, path: String)
    }

    public var keySource: KeySource
    public var forwardAuthorization: Bool
    /// `tokenKey`: the query parameter that may carry the token when no `Authorization` does.
    public var tokenKey: String?
    public var policy: ClaimsPolicy
    public var clientConfig: AuthClientConfiguration

    public init(keySource: KeySource) {
        self.keySource = keySource
        self.forwardAuthorization = false
        self.tokenKey = nil
        self.policy = ClaimsPolicy()
        self.clientConfig = AuthClientConfiguration()
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["signingSecret", "signingSecretFile", "signingSecretBase64Encoded", "publicKey", "publicKeyFile",
                                   "jwksFile", "jwksUrl", "forwardAuthorization", "tokenKey", "clientConfig"] + ClaimsPolicy.keys)
        var sources: [KeySource] = []
        if var secret = try body.secret("signingSecret").map({ Array($0.utf8) }) {
            if try body.child("signingSecretBase64Encoded")?.bool() == true {
                guard let decoded = Data(base64Encoded: String(decoding: secret, as: UTF8.self)) else {
                    throw (try body.child("signingSecret") ?? body).error("signingSecret is not base64 (signingSecretBase64Encoded is true)")
                }
                secret = Array(decoded)
            }
            sources.append(.signingSecret(secret))
        }
        if let key = try body.secret("publicKey") { sources.append(.publicKey(key)) }
        if let node = try body.child("jwksFile") {
            let value = try node.string()
            if value.trimmingSpaces().hasPrefix("{") {
                sources.append(.jwks(value))
            } else {
                guard let text = try? String(contentsOfFile: value, encoding: .utf8) else {
                    throw node.error("cannot read the JWK set '\(value)'; give a file the proxy's user can read, or the set's JSON")
                }
                sources.append(.jwks(text))
            }
        }
        if let node = try body.child("jwksUrl") {
            let (url, path) = try AuthClientConfiguration.url(node)
            sources.append(.jwksURL(url, path: path))
        }
        guard sources.count == 1, let source = sources.first else {
            throw body.error(sources.isEmpty ? "set one of signingSecret, publicKey, jwksFile or jwksUrl"
                                             : "set only one of signingSecret, publicKey, jwksFile or jwksUrl")
        }
        var settings = Self(keySource: source)
        settings.forwardAuthorization = try body.child("forwardAuthorization")?.bool() ?? false
        settings.tokenKey = try body.child("tokenKey")?.string()
        settings.policy = try ClaimsPolicy.parse(body)
        settings.clientConfig = try AuthClientConfiguration.parse(try body.child("clientConfig"))
        return settings
    }
}
