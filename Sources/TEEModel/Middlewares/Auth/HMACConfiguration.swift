/// `plugin.hmac` (Traefik Hub's keys): requests carry an HTTP signature (draft-cavage-http-signatures-12)
/// in `Authorization: Hmac keyId=…,algorithm=…,headers=…,signature=…,created=…,expires=…`.
public struct HMACConfiguration: Sendable, Equatable {
    /// `keys`: `id` and `key` (or `keyFile`) of each shared secret.
    public var keys: [String: [UInt8]]
    /// `enforcedHeaders`: what every signature must cover; `(request-target) (created) (expires)` by default.
    public var enforcedHeaders: [String]
    /// `validateDigest`: a request with a body must sign a `Digest` header (SHA-256 or SHA-512) that matches the body.
    public var validateDigest: Bool

    public init(keys: [String: [UInt8]], enforcedHeaders: [String] = ["(request-target)", "(created)", "(expires)"], validateDigest: Bool = true) {
        self.keys = keys
        self.enforcedHeaders = enforcedHeaders
        self.validateDigest = validateDigest
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["keys", "enforcedHeaders", "validateDigest"])
        guard let keysNode = try body.child("keys"), case let items = try keysNode.items(), !items.isEmpty else {
            throw body.error("missing keys: a list of {id, key} shared with the clients")
        }
        var keys: [String: [UInt8]] = [:]
        for item in items {
            try item.requireKnownKeys(["id", "key", "keyFile"])
            guard let id = try item.child("id")?.string(), !id.isEmpty else { throw item.error("each key needs an id") }
            guard let secret = try item.secret("key"), !secret.isEmpty else { throw item.error("key \(id) needs key or keyFile") }
            guard keys[id] == nil else { throw item.error("key id \(id) is given twice") }
            keys[id] = Array(secret.utf8)
        }
        var settings = Self(keys: keys)
        if let node = try body.child("enforcedHeaders") {
            settings.enforcedHeaders = try node.stringList().map { $0.lowercased() }
        }
        settings.validateDigest = try body.child("validateDigest")?.bool() ?? true
        return settings
    }
}
