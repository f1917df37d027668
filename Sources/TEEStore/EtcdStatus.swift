/// What one member says of itself (`Maintenance.Status`).
public struct EtcdStatus: Sendable, Hashable {
    public var memberID: UInt64
    /// The member it believes leads the raft cluster; 0 when it knows of none.
    public var leaderID: UInt64
    public var version: String
    public var databaseSize: Int64
    public var raftIndex: UInt64
    public var isLearner: Bool
    public var errors: [String]
}
