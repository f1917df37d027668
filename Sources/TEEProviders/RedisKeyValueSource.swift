import NIOCore
import TEEModel

/// Keys from Redis: every key under the prefix (SCAN, then MGET), read again on each keyspace
/// notification of the prefix (tee turns notifications on with CONFIG SET when Redis allows it)
/// and every few seconds in case it does not.
struct RedisKeyValueSource: KeyValueSource {
    let settings: KVProviderConfiguration
    /// How often keys are read without a notification.
    var pollInterval: Duration = .seconds(5)

    func follow(prefix: String, _ onChange: @escaping @Sendable ([String: String]) async throws -> Void) async throws {
        let (changes, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let commands = try await RedisConnection.connect(self.settings)
        let subscriber: RedisConnection
        do {
            subscriber = try await RedisConnection.connect(self.settings) { _ in signal.yield() }
        } catch {
            commands.close()
            throw error
        }
        defer {
            commands.close()
            subscriber.close()
        }
        _ = try? await commands.command(["CONFIG", "SET", "notify-keyspace-events", "KA"])
        subscriber.send(["PSUBSCRIBE", "__keyspace@\(self.settings.database)__:\(prefix)*"])
        subscriber.closed.whenComplete { _ in signal.finish() }
        commands.closed.whenComplete { _ in signal.finish() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while true {
                    try await Task.sleep(for: self.pollInterval)
                    signal.yield()
                }
            }
            group.addTask {
                try await onChange(try await self.read(commands, prefix: prefix))
                for await _ in changes {
                    try await onChange(try await self.read(commands, prefix: prefix))
                }
                throw ProviderError("the connection to Redis at \(self.settings.endpoints[0]) closed")
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private func read(_ connection: RedisConnection, prefix: String) async throws -> [String: String] {
        var keys: [String] = []
        var cursor = "0"
        repeat {
            let reply = try await connection.command(["SCAN", cursor, "MATCH", "\(prefix)*", "COUNT", "1000"])
            guard case .array(let parts?) = reply, parts.count == 2, let next = parts[0].text, case .array(let found?) = parts[1] else {
                throw ProviderError("Redis answered SCAN with something else than a cursor and keys")
            }
            keys += found.compactMap(\.text)
            cursor = next
        } while cursor != "0"
        guard !keys.isEmpty else { return [:] }
        var pairs: [String: String] = [:]
        for batch in stride(from: 0, to: keys.count, by: 500).map({ Array(keys[$0..<min($0 + 500, keys.count)]) }) {
            guard case .array(let values?) = try await connection.command(["MGET"] + batch), values.count == batch.count else {
                throw ProviderError("Redis answered MGET with a different number of values")
            }
            for (key, value) in zip(batch, values) { if let text = value.text { pairs[key] = text } }
        }
        return pairs
    }
}
