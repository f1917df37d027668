import Foundation

/// The `alg` and `kid` of a compact JWT's header, read before its signature is checked (to pick the key).
struct JWTHeaderFields: Sendable {
    let algorithm: String
    let keyID: String?

    /// Nil when `token` is not three base64url parts with a JSON header naming `alg`.
    init?(token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = Self.base64URLDecode(parts[0]),
              let object = try? JSONSerialization.jsonObject(with: header) as? [String: Any],
              let algorithm = object["alg"] as? String else { return nil }
        self.algorithm = algorithm
        self.keyID = object["kid"] as? String
    }

    static func base64URLDecode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
