import Crypto
import Foundation

/// AES-256-GCM with a 32-byte key: what seals secrets at rest (the cluster's data key) and in
/// a controller's join (a key derived from its join token's secret).
public struct SecretSealer: Sendable {
    /// The key's bytes (kept as bytes: Crypto's key type is not Sendable).
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "AES-256 keys are 32 bytes")
        self.bytes = bytes
    }

    /// The sealer for what a joining controller receives; only it and the cluster (which keeps
    /// the secret's hash, and sees the secret in the join request) can derive it.
    public static func forJoinSecret(_ secret: String) -> SecretSealer {
        SecretSealer(bytes: Array(SHA256.hash(data: Data("tee join \(secret)".utf8))))
    }

    /// Seals `plaintext`: nonce, ciphertext and tag, base64.
    public func seal(_ plaintext: [UInt8]) throws -> String {
        try AES.GCM.seal(plaintext, using: SymmetricKey(data: self.bytes)).combined!.base64EncodedString()
    }

    /// Opens what ``seal(_:)`` made; throws when the key differs or the text was altered.
    public func open(_ sealed: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: sealed) else { throw PKIError("a sealed value is not base64") }
        return Array(try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: SymmetricKey(data: self.bytes)))
    }
}
