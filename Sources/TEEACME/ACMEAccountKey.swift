@preconcurrency import Crypto
@preconcurrency import _CryptoExtras
public import Foundation
import TEEModel

/// The key an ACME account signs its requests with (JWS, RFC 7515): RSA with RS256, as Traefik's
/// accounts (4096 bits, stored as PKCS#1 DER in acme.json), or P-256 with ES256.
public struct ACMEAccountKey: Sendable {
    enum Key: Sendable {
        case rsa(_RSA.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
    }

    let key: Key

    init(_ key: Key) {
        self.key = key
    }

    /// A new RSA 4096 key, the kind Traefik creates, so that Traefik can read the account back.
    public static func generate() throws -> ACMEAccountKey {
        ACMEAccountKey(.rsa(try _RSA.Signing.PrivateKey(keySize: .bits4096)))
    }

    /// Reads Traefik's `Account.PrivateKey`: PKCS#1 DER (RSA); PKCS#8 and SEC 1 (P-256) are accepted too.
    public init(der: Data) throws {
        if let rsa = try? _RSA.Signing.PrivateKey(derRepresentation: der) {
            self.key = .rsa(rsa)
        } else {
            self.key = .p256(try P256.Signing.PrivateKey(derRepresentation: der))
        }
    }

    /// The key as acme.json stores it: PKCS#1 DER for RSA, SEC 1 DER for P-256.
    public var der: Data {
        switch self.key {
        case .rsa(let key): key.derRepresentation
        case .p256(let key): key.derRepresentation
        }
    }

    /// The JWS `alg`.
    var algorithm: String {
        switch self.key {
        case .rsa: "RS256"
        case .p256: "ES256"
        }
    }

    /// The public key as a JWK, members in lexicographic order (the form RFC 7638 thumbprints hash).
    var jwk: [(String, String)] {
        switch self.key {
        case .rsa(let key):
            let primitives = try? key.publicKey.getKeyPrimitives()
            return [("e", Base64URL.encode(Self.unsigned(primitives?.publicExponent ?? Data()))), ("kty", "RSA"),
                    ("n", Base64URL.encode(Self.unsigned(primitives?.modulus ?? Data())))]
        case .p256(let key):
            let raw = key.publicKey.rawRepresentation  // x ‖ y
            return [("crv", "P-256"), ("kty", "EC"), ("x", Base64URL.encode(raw.prefix(32))), ("y", Base64URL.encode(raw.suffix(32)))]
        }
    }

    /// The JWK as compact JSON.
    var jwkJSON: String {
        "{" + self.jwk.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",") + "}"
    }

    /// RFC 7638 thumbprint, base64url: the second half of every key authorization.
    public var thumbprint: String {
        Base64URL.encode(SHA256.hash(data: Data(self.jwkJSON.utf8)))
    }

    /// Signs the JWS signing input.
    func sign(_ input: Data) throws -> Data {
        switch self.key {
        case .rsa(let key): try key.signature(for: input, padding: .insecurePKCS1v1_5).rawRepresentation
        case .p256(let key): try key.signature(for: input).rawRepresentation
        }
    }

    private static func unsigned(_ bytes: Data) -> Data {
        let trimmed = bytes.drop { $0 == 0 }
        return trimmed.isEmpty ? Data([0]) : Data(trimmed)
    }
}
