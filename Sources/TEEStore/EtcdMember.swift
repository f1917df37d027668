/// A member of the etcd cluster.
public struct EtcdMember: Sendable, Hashable {
    public var id: UInt64
    /// Empty until the member has started.
    public var name: String
    public var peerURLs: [String]
    public var clientURLs: [String]
    public var isLearner: Bool

    init(_ member: Etcdserverpb_Member) {
        self.id = member.id
        self.name = member.name
        self.peerURLs = member.peerUrls
        self.clientURLs = member.clientUrls
        self.isLearner = member.isLearner
    }

    /// The ID as etcdctl prints it (hex).
    public var hexID: String { String(self.id, radix: 16) }
}
