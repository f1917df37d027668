import Foundation

/// Digests of credentials that passed a slow check (a bcrypt hash, an LDAP bind), at most
/// ``capacity`` of them (the set starts over when full), each for `lifetime` when one is given.
struct VerifiedCredentials: Sendable {
    static let capacity = 4_096
    private let lifetime: Duration?
    private let digests = BoundedCache<Data, Bool>(capacity: Self.capacity)

    init(lifetime: Duration? = nil) {
        self.lifetime = lifetime
    }

    func contains(_ digest: Data) -> Bool {
        self.digests.value(for: digest) != nil
    }

    func insert(_ digest: Data) {
        if let lifetime = self.lifetime, lifetime <= .zero { return }
        self.digests.insert(true, for: digest, expires: self.lifetime.map { .now + $0 })
    }
}
