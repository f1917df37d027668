import JWTKit

/// A jwt middleware's `signingSecret` or `publicKey`, parsed when the middleware is built, with
/// the algorithms it verifies; each gets its own jwt-kit key collection, so a token is checked
/// only with the algorithm its header names and the key allows.
enum JWTStaticKey: Sendable {
    /// The secret and its length in bytes (HS384 and HS512 need at least 48 and 64).
    case secret(HMACKey, bytes: Int)
    case rsa(Insecure.RSA.PublicKey)
    case p256(ES256PublicKey)
    case p384(ES384PublicKey)
    case p521(ES512PublicKey)
    case ed25519(EdDSA.PublicKey)

    /// The key in `pem`: RSA, ECDSA (P-256, P-384, P-521) or Ed25519.
    static func publicKey(pem: String) throws -> JWTStaticKey {
        if let key = try? Insecure.RSA.PublicKey(pem: pem) { return .rsa(key) }
        if let key = try? ES256PublicKey(pem: pem) { return .p256(key) }
        if let key = try? ES384PublicKey(pem: pem) { return .p384(key) }
        if let key = try? ES512PublicKey(pem: pem) { return .p521(key) }
        if let key = try? EdDSA.PublicKey(pem: pem) { return .ed25519(key) }
        throw MiddlewareBuildError("publicKey is not a PEM public key (RSA, ECDSA P-256/P-384/P-521 or Ed25519)")
    }

    /// The `alg` values the key verifies.
    var algorithms: [String] {
        switch self {
        // RFC 7518 §3.2: a key at least as long as the hash output.
        case .secret(_, let bytes): [("HS256", 32), ("HS384", 48), ("HS512", 64)].filter { bytes >= $0.1 }.map(\.0)
        case .rsa: ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"]
        case .p256: ["ES256"]
        case .p384: ["ES384"]
        case .p521: ["ES512"]
        case .ed25519: ["EdDSA"]
        }
    }

    /// A key collection that verifies `algorithm` with this key.
    func collection(for algorithm: String) async -> JWTKeyCollection? {
        guard self.algorithms.contains(algorithm) else { return nil }
        let digest: DigestAlgorithm = algorithm.hasSuffix("512") ? .sha512 : algorithm.hasSuffix("384") ? .sha384 : .sha256
        let keys = JWTKeyCollection()
        switch self {
        case .secret(let key, _): await keys.add(hmac: key, digestAlgorithm: digest)
        case .rsa(let key) where algorithm.hasPrefix("PS"): await keys.add(pss: key, digestAlgorithm: digest)
        case .rsa(let key): await keys.add(rsa: key, digestAlgorithm: digest)
        case .p256(let key): await keys.add(ecdsa: key)
        case .p384(let key): await keys.add(ecdsa: key)
        case .p521(let key): await keys.add(ecdsa: key)
        case .ed25519(let key): await keys.add(eddsa: key)
        }
        return keys
    }
}
