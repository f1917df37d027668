public import TEEStore

/// Proof of leadership for a write: the leader key and the revision that created it. A
/// transaction conditioned on it fails once another controller has taken over.
public struct LeaderFence: Sendable, Hashable {
    public let key: String
    public let createRevision: Int64

    public var condition: EtcdCondition { .createRevision(self.key, equals: self.createRevision) }
}
