import Foundation
import Synchronization

/// Digests of credentials that passed a slow check (a bcrypt hash, an LDAP bind), at most
/// ``capacity`` of them (the set starts over when full), each for `lifetime` when one is given.
final class VerifiedCredentials: Sendable {
    static let capacity = 4_096
    private let lifetime: Duration?
    private let digests = Mutex<[Data: ContinuousClock.Instant]>([:])

    init(lifetime: Duration? = nil) {
        self.lifetime = lifetime
    }

    func contains(_ digest: Data) -> Bool {
        let now = ContinuousClock.now
        return self.digests.withLock { digests in
            guard let passed = digests[digest] else { return false }
            if let lifetime = self.lifetime, now - passed >= lifetime {
                digests[digest] = nil
                return false
            }
            return true
        }
    }

    func insert(_ digest: Data) {
        if let lifetime = self.lifetime, lifetime <= .zero { return }
        self.digests.withLock { digests in
            if digests.count >= Self.capacity { digests.removeAll() }
            digests[digest] = .now
        }
    }
}
