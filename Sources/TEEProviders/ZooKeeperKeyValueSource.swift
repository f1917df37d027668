import Foundation
import NIOCore
import TEEModel

/// Keys from ZooKeeper: the tree under the root read with watches set on every node, and read
/// again whenever one fires. Leaves with data are the keys (an empty leaf is not one).
struct ZooKeeperKeyValueSource: KeyValueSource {
    let settings: KVProviderConfiguration

    func follow(prefix: String, _ onChange: @escaping @Sendable ([String: String]) async throws -> Void) async throws {
        let (changes, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let connection = try await ZooKeeperConnection.connect(self.settings) { signal.yield() }
        defer { connection.close() }
        connection.closed.whenComplete { _ in signal.finish() }
        let root = "/" + prefix.trimmingCharacters(in: ["/"])
        signal.yield()
        for await _ in changes {
            var pairs: [String: String] = [:]
            // Watching the root's existence too: a root created later is noticed.
            if try await connection.exists(root, watch: true) {
                try await self.walk(root, connection: connection, into: &pairs)
            }
            try await onChange(pairs)
        }
        throw ProviderError("the connection to ZooKeeper at \(self.settings.endpoints[0]) closed")
    }

    private func walk(_ path: String, connection: ZooKeeperConnection, into pairs: inout [String: String]) async throws {
        guard let children = try await connection.children(path, watch: true) else { return }
        if children.isEmpty {
            // An empty leaf is a node whose key was deleted below it (ZooKeeper keeps parents).
            if let data = try await connection.data(path, watch: true), !data.isEmpty { pairs[path] = data }
            return
        }
        for child in children.sorted() {
            try await self.walk("\(path)/\(child)", connection: connection, into: &pairs)
        }
    }
}
