/// Why a call to etcd failed, in words an operator can act on.
public enum EtcdError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The member did not answer, or cannot reach a quorum of the cluster in time.
    case unavailable(String)
    /// The lease expired or could not be renewed in time.
    case leaseExpired(Int64)
    /// A watch asked for history that compaction removed; re-read and watch again.
    case compacted(revision: Int64)
    /// etcd ended a watch (its reason).
    case watchCanceled(String)
    /// etcd refused the request (its message).
    case rejected(String)

    public var description: String {
        switch self {
        case .unavailable(let detail): "etcd is unavailable: \(detail)"
        case .leaseExpired(let lease): "etcd lease \(String(lease, radix: 16)) expired"
        case .compacted(let revision): "etcd compacted the history up to revision \(revision); re-reading"
        case .watchCanceled(let reason): "etcd cancelled the watch: \(reason)"
        case .rejected(let message): "etcd refused the request: \(message)"
        }
    }
}
