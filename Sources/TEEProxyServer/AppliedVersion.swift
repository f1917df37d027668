import Synchronization

/// The snapshot version a proxy serves, read when it greets a controller.
final class AppliedVersion: Sendable {
    private let version = Atomic<UInt64>(0)

    func get() -> UInt64 { self.version.load(ordering: .relaxed) }

    func set(_ version: UInt64) { self.version.store(version, ordering: .relaxed) }
}
