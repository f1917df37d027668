import Synchronization

/// The snapshot version a node serves, read when it greets a controller.
public final class AppliedVersion: Sendable {
    private let version = Atomic<UInt64>(0)

    public init() {}

    public func get() -> UInt64 { self.version.load(ordering: .relaxed) }

    public func set(_ version: UInt64) { self.version.store(version, ordering: .relaxed) }
}
