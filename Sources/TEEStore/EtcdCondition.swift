import Foundation
/// A comparison a transaction checks before it writes (all must hold for `success`).
public enum EtcdCondition: Sendable, Hashable {
    /// The key's create revision equals this (0: the key does not exist). Fences leader writes.
    case createRevision(String, equals: Int64)
    /// The key's last-modified revision equals this (0: the key does not exist). Backs If-Match.
    case modRevision(String, equals: Int64)
    /// The key's value equals this.
    case value(String, equals: [UInt8])

    var compare: Etcdserverpb_Compare {
        var compare = Etcdserverpb_Compare()
        compare.result = .equal
        switch self {
        case .createRevision(let key, let revision):
            compare.key = Data(key.utf8)
            compare.target = .create
            compare.createRevision = revision
        case .modRevision(let key, let revision):
            compare.key = Data(key.utf8)
            compare.target = .mod
            compare.modRevision = revision
        case .value(let key, let value):
            compare.key = Data(key.utf8)
            compare.target = .value
            compare.value = Data(value)
        }
        return compare
    }
}
