import Foundation
import Synchronization

/// Digests of credentials that passed a slow password check, at most ``capacity`` of them (the
/// set starts over when full).
final class VerifiedCredentials: Sendable {
    static let capacity = 4_096
    private let digests = Mutex<Set<Data>>([])

    func contains(_ digest: Data) -> Bool {
        self.digests.withLock { $0.contains(digest) }
    }

    func insert(_ digest: Data) {
        self.digests.withLock { digests in
            if digests.count >= Self.capacity { digests.removeAll() }
            digests.insert(digest)
        }
    }
}
