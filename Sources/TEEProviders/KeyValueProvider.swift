public import TEEModel

/// `providers.redis`, `providers.etcd`, `providers.zookeeper`: Traefik's key layout under
/// `rootKey` (`traefik/http/routers/NAME/rule`), one document of flat keys, followed as the
/// store changes.
public struct KeyValueProvider: ConfigurationProvider {
    public let name: String
    public let settings: KVProviderConfiguration
    /// The store's client for settings whose first endpoint is the one to use.
    let source: @Sendable (KVProviderConfiguration) -> any KeyValueSource
    /// Each watch uses the next endpoint: a store that fails is left for the next of its servers.
    private let rotation = EndpointRotation()

    init(name: String, settings: KVProviderConfiguration, source: @escaping @Sendable (KVProviderConfiguration) -> any KeyValueSource) {
        self.name = name
        self.settings = settings
        self.source = source
    }

    public static func redis(_ settings: KVProviderConfiguration) -> KeyValueProvider {
        KeyValueProvider(name: "redis", settings: settings) { RedisKeyValueSource(settings: $0) }
    }

    public static func etcd(_ settings: KVProviderConfiguration) -> KeyValueProvider {
        KeyValueProvider(name: "etcd", settings: settings) { EtcdKeyValueSource(settings: $0) }
    }

    public static func zookeeper(_ settings: KVProviderConfiguration) -> KeyValueProvider {
        KeyValueProvider(name: "zookeeper", settings: settings) { ZooKeeperKeyValueSource(settings: $0) }
    }

    public func watch(_ publish: @escaping @Sendable (ProviderUpdate) async throws -> Void) async throws {
        let root = self.settings.rootKey
        var settings = self.settings
        settings.endpoints = self.rotation.next(settings.endpoints)
        try await self.source(settings).follow(prefix: root + "/") { pairs in
            let flat = FlatConfiguration.fromStore(pairs, root: root)
            try await publish(ProviderUpdate(documents: [ConfigurationDocument(provider: self.name, name: "keys", flat: flat)]))
        }
    }
}
