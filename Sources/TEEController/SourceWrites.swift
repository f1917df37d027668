import Foundation
import TEEModel
import TEEStore

/// The etcd writes that make a provider's stored source documents exactly `documents`: deletes
/// of the stored ones no longer wanted, puts of the new and the changed ones (none when nothing
/// changed). Shared by the leader's file sync and its providers.
enum SourceWrites {
    static func replacing(_ stored: [StoredValue], of provider: String, with documents: [ConfigurationDocument]) -> [EtcdWrite] {
        var wanted: [String: [UInt8]] = [:]
        for document in documents {
            wanted[ClusterKeys.source(provider: provider, name: document.name)] = Array((try? JSONEncoder.sorted.encode(document)) ?? Data())
        }
        var writes: [EtcdWrite] = []
        for value in stored where wanted[value.key] == nil { writes.append(.delete(value.key)) }
        for (key, value) in wanted.sorted(by: { $0.key < $1.key }) where stored.first(where: { $0.key == key })?.value != value {
            writes.append(.put(key, value))
        }
        return writes
    }
}
