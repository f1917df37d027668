import TEEModel
import TEEStore

/// Keys from etcd's v3 API: a read of the prefix, then a watch from the read's revision until
/// something changes (or `rereadInterval` passes), then another read.
struct EtcdKeyValueSource: KeyValueSource {
    let settings: KVProviderConfiguration
    static let rereadInterval: Duration = .seconds(5)

    func follow(prefix: String, _ onChange: @escaping @Sendable ([String: String]) async throws -> Void) async throws {
        let (text, address) = try self.settings.currentEndpoint(of: "etcd")
        var tls: EtcdTLS?
        if let settings = self.settings.tls {
            guard let ca = settings.ca, let cert = settings.cert, let key = settings.key else {
                throw ProviderError("providers.etcd.tls needs ca, cert and key")
            }
            tls = EtcdTLS(caFile: ca, certFile: cert, keyFile: key)
        }
        let client = try EtcdClient(endpoint: EtcdEndpoint(host: address.host, port: address.port, usesTLS: tls != nil), tls: tls)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await client.run() }
            group.addTask {
                defer { client.close() }
                while true {
                    let (values, revision) = try await client.list(prefix: prefix)
                    var pairs: [String: String] = [:]
                    for value in values { pairs[value.key] = String(decoding: value.value, as: UTF8.self) }
                    try await onChange(pairs)
                    // Until the first change after the read, or 5 s: a watch that a restarting member left
                    // waiting must not leave the keys stale.
                    try await withThrowingTaskGroup(of: Void.self) { wait in
                        wait.addTask { try await client.watch(prefix: prefix, after: revision) { _, _ in false } }
                        wait.addTask { try await Task.sleep(for: Self.rereadInterval) }
                        try await wait.next()
                        wait.cancelAll()
                    }
                    try Task.checkCancellation()
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
