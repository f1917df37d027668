import Foundation
import JWTKit
import Synchronization
import TEEModel

/// The verification keys jwt-kit looked up for a jwt middleware, by algorithm and key ID, so that
/// once a key has been found a token is verified on its event loop without a trip to a task:
/// jwt-kit's key collection is an actor, its keys' signature checks are synchronous.
final class JWTVerifiers: Sendable {
    private let keys = Mutex<[String: any JWTAlgorithm]>([:])

    func key(algorithm: String, keyID: String?) -> (any JWTAlgorithm)? {
        self.keys.withLock { $0["\(algorithm)\u{0}\(keyID ?? "")"] }
    }

    func store(_ key: any JWTAlgorithm, algorithm: String, keyID: String?) {
        self.keys.withLock { $0["\(algorithm)\u{0}\(keyID ?? "")"] = key }
    }

    /// The claims of `token` when `key` signed it (with the algorithm its header names) and it is
    /// valid now (`exp`, `nbf`, `iat`); nil otherwise.
    static func verify(_ token: String, header: JWTHeaderFields, with key: any JWTAlgorithm) -> ClaimValue? {
        guard key.name == header.algorithm else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Base64URL.decode(String(parts[2])),
              let payload = Base64URL.decode(String(parts[1])) else { return nil }
        let signed = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard (try? key.verify(signature, signs: signed)) == true,
              let claims = try? JSONDecoder().decode(ClaimValue.self, from: Data(payload)),
              (try? JWTClaims.checkTimes(claims, now: Date().timeIntervalSince1970)) != nil else { return nil }
        return claims
    }
}
