import Foundation
/// One write of a transaction.
public enum EtcdWrite: Sendable, Hashable {
    case put(String, [UInt8], lease: Int64 = 0)
    case delete(String)
    case deletePrefix(String)

    var operation: Etcdserverpb_RequestOp {
        var operation = Etcdserverpb_RequestOp()
        switch self {
        case .put(let key, let value, let lease):
            var put = Etcdserverpb_PutRequest()
            put.key = Data(key.utf8)
            put.value = Data(value)
            put.lease = lease
            operation.requestPut = put
        case .delete(let key):
            var delete = Etcdserverpb_DeleteRangeRequest()
            delete.key = Data(key.utf8)
            operation.requestDeleteRange = delete
        case .deletePrefix(let prefix):
            var delete = Etcdserverpb_DeleteRangeRequest()
            delete.key = Data(prefix.utf8)
            delete.rangeEnd = Data(KeyRange.prefixEnd(Array(prefix.utf8)))
            operation.requestDeleteRange = delete
        }
        return operation
    }
}
