import TEEModel

/// An access token an oAuthClientCredentials middleware got, kept until shortly before it expires.
struct AccessToken: Sendable {
    let value: String
    /// The claims of a JWT-formatted token (else none).
    let claims: ClaimValue
    let expires: ContinuousClock.Instant
}
