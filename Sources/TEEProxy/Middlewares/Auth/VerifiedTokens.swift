import Foundation
import Synchronization
import TEEModel

/// Tokens a jwt middleware verified, with their claims, so that a client sending the same token
/// again costs a lookup: each is kept until its `exp` (checked again at each use, with `nbf`) and
/// at most ``lifetime`` (a key removed from a JWK set stops being trusted within that), at most
/// ``capacity`` of them (the set starts over when full).
final class VerifiedTokens: Sendable {
    private struct Entry {
        let claims: ClaimValue
        let kept: ContinuousClock.Instant
    }

    static let capacity = 10_000
    static let lifetime = Duration.seconds(30)
    private let entries = Mutex<[String: Entry]>([:])

    /// The claims of `token` when it was verified lately and is still valid in time.
    func claims(of token: String) -> ClaimValue? {
        let now = ContinuousClock.now
        return self.entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            guard now - entry.kept < Self.lifetime, (try? JWTClaims.checkTimes(entry.claims, now: Date().timeIntervalSince1970)) != nil else {
                entries[token] = nil
                return nil
            }
            return entry.claims
        }
    }

    func insert(_ token: String, claims: ClaimValue) {
        self.entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[token] = Entry(claims: claims, kept: .now)
        }
    }
}
