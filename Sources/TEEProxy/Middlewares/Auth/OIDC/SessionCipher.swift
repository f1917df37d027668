import Crypto
import Foundation
import TEEModel

/// Seals the oidc middleware's cookies (AES-256-GCM) so that clients can neither read nor change
/// them; every proxy with the same configuration derives the same key.
struct SessionCipher: Sendable {
    private let key: SymmetricKey

    /// A key derived (HKDF-SHA256) from `secret`, bound to `context` (the client and issuer).
    init(secret: String, context: String) {
        self.key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: Data(secret.utf8)), info: Data("tee oidc session \(context)".utf8),
                                          outputByteCount: 32)
    }

    func seal<Value: Encodable>(_ value: Value) -> String? {
        guard let plain = try? JSONEncoder().encode(value), let box = try? AES.GCM.seal(plain, using: self.key).combined else { return nil }
        return Base64URL.encode(box)
    }

    func open<Value: Decodable>(_ text: String, as: Value.Type) -> Value? {
        guard let data = Base64URL.decode(text), let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: self.key) else { return nil }
        return try? JSONDecoder().decode(Value.self, from: plain)
    }

    static func random(_ count: Int) -> String {
        Base64URL.encode((0..<count).map { _ in UInt8.random(in: 0...255) })
    }
}
