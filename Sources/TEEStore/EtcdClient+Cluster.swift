/// Membership and member status.
extension EtcdClient {
    /// The cluster's members as this member knows them.
    public func members() async throws(EtcdError) -> [EtcdMember] {
        let response = try await self.calling("listing members") {
            try await self.cluster.memberList(Etcdserverpb_MemberListRequest(), options: self.options())
        }
        return response.members.map(EtcdMember.init)
    }

    /// Adds a member that will listen on `peerURLs`, as a learner (non-voting until promoted)
    /// when asked. Returns it and the members after the change.
    public func addMember(peerURLs: [String], asLearner: Bool) async throws(EtcdError) -> (added: EtcdMember, members: [EtcdMember]) {
        var request = Etcdserverpb_MemberAddRequest()
        request.peerUrls = peerURLs
        request.isLearner = asLearner
        let response = try await self.calling("adding a member") { try await self.cluster.memberAdd(request, options: self.options()) }
        return (EtcdMember(response.member), response.members.map(EtcdMember.init))
    }

    /// Makes a learner a voting member; etcd refuses until it has caught up.
    public func promoteMember(_ id: UInt64) async throws(EtcdError) {
        var request = Etcdserverpb_MemberPromoteRequest()
        request.id = id
        _ = try await self.calling("promoting member \(String(id, radix: 16))") {
            try await self.cluster.memberPromote(request, options: self.options())
        }
    }

    /// Removes a member from the cluster.
    public func removeMember(_ id: UInt64) async throws(EtcdError) {
        var request = Etcdserverpb_MemberRemoveRequest()
        request.id = id
        _ = try await self.calling("removing member \(String(id, radix: 16))") {
            try await self.cluster.memberRemove(request, options: self.options())
        }
    }

    /// What this member says of itself; answers without quorum.
    public func status(timeout: Duration? = nil) async throws(EtcdError) -> EtcdStatus {
        let response = try await self.calling("asking for status") {
            try await self.maintenance.status(Etcdserverpb_StatusRequest(), options: self.options(timeout: timeout))
        }
        return EtcdStatus(memberID: response.header.memberID, leaderID: response.leader, version: response.version,
                          databaseSize: response.dbSize, raftIndex: response.raftIndex, isLearner: response.isLearner,
                          errors: response.errors)
    }
}

import GRPCCore

/// Backups.
extension EtcdClient {
    /// The member's whole database (`Maintenance.Snapshot`), as `etcdctl snapshot save` writes it.
    public func snapshot() async throws(EtcdError) -> [UInt8] {
        try await self.calling("taking a snapshot") {
            try await self.maintenance.snapshot(request: ClientRequest(message: Etcdserverpb_SnapshotRequest()),
                                                options: self.options(timeout: .seconds(120))) { response in
                var bytes: [UInt8] = []
                for try await part in response.messages { bytes += part.blob }
                return bytes
            }
        }
    }
}
