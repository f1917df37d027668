import Foundation
import TEEModel

/// The `alg` and `kid` of a compact JWT's header, read before its signature is checked (to pick the key).
struct JWTHeaderFields: Sendable {
    let algorithm: String
    let keyID: String?

    /// Nil when `token` is not three base64url parts with a JSON header naming `alg`.
    init?(token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = Base64URL.decode(String(parts[0])),
              let object = try? JSONSerialization.jsonObject(with: Data(header)) as? [String: Any],
              let algorithm = object["alg"] as? String else { return nil }
        self.algorithm = algorithm
        self.keyID = object["kid"] as? String
    }
}
