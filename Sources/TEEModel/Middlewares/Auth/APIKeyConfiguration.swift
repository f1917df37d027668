/// `plugin.apiKey` (Traefik Hub's keys): the client's key, from `keySource`, must match one of
/// `secretValues`, htpasswd hashes (bcrypt, SHA1, MD5) so that the keys themselves are not kept.
public struct APIKeyConfiguration: Sendable, Equatable {
    public var keySource: TokenSource
    /// `secretNonBase64Encoded`: false (the default) means the client sends its key base64-encoded.
    public var secretNonBase64Encoded: Bool
    /// `secretValues` (and the lines of `secretValuesFile`).
    public var secretValues: [String]

    public init(keySource: TokenSource, secretNonBase64Encoded: Bool = false, secretValues: [String]) {
        self.keySource = keySource
        self.secretNonBase64Encoded = secretNonBase64Encoded
        self.secretValues = secretValues
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["keySource", "secretNonBase64Encoded", "secretValues", "secretValuesFile"])
        let values = try body.secretList("secretValues")
        guard !values.isEmpty else {
            throw body.error("secretValues is empty; add hashes of the keys, made with htpasswd -nbB \"\" KEY | cut -c 2-")
        }
        return Self(keySource: try TokenSource.parse(try body.child("keySource"), key: "keySource", parent: body),
                    secretNonBase64Encoded: try body.child("secretNonBase64Encoded")?.bool() ?? false, secretValues: values)
    }
}
