public import TEEModel

/// `providers.redis`, `providers.etcd`, `providers.zookeeper`: Traefik's key layout under
/// `rootKey` (`traefik/http/routers/NAME/rule`), one document of flat keys, followed as the
/// store changes.
public struct KeyValueProvider: ConfigurationProvider {
    public let name: String
    public let settings: KVProviderConfiguration
    let source: any KeyValueSource

    init(name: String, settings: KVProviderConfiguration, source: any KeyValueSource) {
        self.name = name
        self.settings = settings
        self.source = source
    }

    public static func redis(_ settings: KVProviderConfiguration) -> KeyValueProvider {
        KeyValueProvider(name: "redis", settings: settings, source: RedisKeyValueSource(settings: settings))
    }

    public static func etcd(_ settings: KVProviderConfiguration) -> KeyValueProvider {
        KeyValueProvider(name: "etcd", settings: settings, source: EtcdKeyValueSource(settings: settings))
    }

    public static func zookeeper(_ settings: KVProviderConfiguration) -> KeyValueProvider {
        KeyValueProvider(name: "zookeeper", settings: settings, source: ZooKeeperKeyValueSource(settings: settings))
    }

    public func watch(_ publish: @escaping @Sendable (ProviderUpdate) async throws -> Void) async throws {
        let root = self.settings.rootKey
        try await self.source.follow(prefix: root + "/") { pairs in
            let flat = FlatConfiguration.fromStore(pairs, root: root)
            try await publish(ProviderUpdate(documents: [ConfigurationDocument(provider: self.name, name: "keys", flat: flat)]))
        }
    }
}
