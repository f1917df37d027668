/// A node's answer to a snapshot: applied, or rejected with the reason.
public struct SnapshotAcknowledgement: Sendable, Hashable {
    public var version: UInt64
    public var applied: Bool
    public var error: String?

    public init(version: UInt64, applied: Bool, error: String? = nil) {
        self.version = version
        self.applied = applied
        self.error = error
    }
}
