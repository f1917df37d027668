import Synchronization

/// Values kept for a while by key: each until its expiry (when it has one), at most `capacity`
/// of them (the cache starts over when full). Remembered passwords, verified tokens, access tokens.
final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let expires: ContinuousClock.Instant?
    }

    private let capacity: Int
    private let entries = Mutex<[Key: Entry]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The value kept for `key`, unless it has expired (then it is dropped).
    func value(for key: Key) -> Value? {
        let now = ContinuousClock.now
        return self.entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            if let expires = entry.expires, expires <= now {
                entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    /// Keeps `value` for `key` until `expires` (nil: until the cache starts over).
    func insert(_ value: Value, for key: Key, expires: ContinuousClock.Instant?) {
        self.entries.withLock { entries in
            if entries.count >= self.capacity { entries.removeAll() }
            entries[key] = Entry(value: value, expires: expires)
        }
    }

    /// Drops the value kept for `key`.
    func remove(_ key: Key) {
        _ = self.entries.withLock { $0.removeValue(forKey: key) }
    }
}
