import Foundation
/// Reads and writes of keys.
extension EtcdClient {
    /// The value of `key`, or nil. `serializable` reads answer from this member alone: they work
    /// without quorum but may be stale.
    public func get(_ key: String, serializable: Bool = false) async throws(EtcdError) -> StoredValue? {
        var request = Etcdserverpb_RangeRequest()
        request.key = Data(key.utf8)
        request.serializable = serializable
        let response = try await self.calling("reading \(key)") { try await self.kv.range(request, options: self.options()) }
        return response.kvs.first.map(StoredValue.init)
    }

    /// Every key under `prefix`, in key order, with the store revision of the read.
    public func list(prefix: String, serializable: Bool = false) async throws(EtcdError) -> (values: [StoredValue], revision: Int64) {
        var request = Etcdserverpb_RangeRequest()
        request.key = Data(prefix.utf8)
        request.rangeEnd = Data(KeyRange.prefixEnd(Array(prefix.utf8)))
        request.serializable = serializable
        let response = try await self.calling("listing \(prefix)") { try await self.kv.range(request, options: self.options()) }
        return (response.kvs.map(StoredValue.init), response.header.revision)
    }

    /// Sets `key`; returns the store revision of the write.
    @discardableResult
    public func put(_ key: String, _ value: [UInt8], lease: Int64 = 0) async throws(EtcdError) -> Int64 {
        var request = Etcdserverpb_PutRequest()
        request.key = Data(key.utf8)
        request.value = Data(value)
        request.lease = lease
        return try await self.calling("writing \(key)") { try await self.kv.put(request, options: self.options()) }.header.revision
    }

    /// Removes `key`; returns how many keys went (0 or 1).
    @discardableResult
    public func delete(_ key: String) async throws(EtcdError) -> Int64 {
        var request = Etcdserverpb_DeleteRangeRequest()
        request.key = Data(key.utf8)
        return try await self.calling("deleting \(key)") { try await self.kv.deleteRange(request, options: self.options()) }.deleted
    }

    /// Writes `writes` atomically if every condition holds. Returns whether they held and the
    /// store revision after the transaction.
    public func transaction(when conditions: [EtcdCondition], then writes: [EtcdWrite],
                            otherwise: [EtcdWrite] = []) async throws(EtcdError) -> (succeeded: Bool, revision: Int64) {
        var request = Etcdserverpb_TxnRequest()
        request.compare = conditions.map(\.compare)
        request.success = writes.map(\.operation)
        request.failure = otherwise.map(\.operation)
        let response = try await self.calling("a transaction") { try await self.kv.txn(request, options: self.options()) }
        return (response.succeeded, response.header.revision)
    }
}

extension StoredValue {
    init(_ kv: Etcdserverpb_KeyValue) {
        self.init(key: String(decoding: kv.key, as: UTF8.self), value: Array(kv.value), createRevision: kv.createRevision,
                  modRevision: kv.modRevision, version: kv.version, lease: kv.lease)
    }
}
