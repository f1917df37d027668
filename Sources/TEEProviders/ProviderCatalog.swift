public import Logging
public import TEEModel

/// The providers a static configuration asks for, ready to run.
public enum ProviderCatalog {
    public static func providers(for settings: ProvidersConfiguration) -> [any ConfigurationProvider] {
        var providers: [any ConfigurationProvider] = []
        if let docker = settings.docker { providers.append(DockerProvider(settings: docker)) }
        if let redis = settings.redis { providers.append(KeyValueProvider.redis(redis)) }
        if let etcd = settings.etcd { providers.append(KeyValueProvider.etcd(etcd)) }
        if let zookeeper = settings.zookeeper { providers.append(KeyValueProvider.zookeeper(zookeeper)) }
        if let http = settings.http { providers.append(HTTPProvider(settings: http)) }
        return providers
    }

    /// Runs a ``ProviderRunner`` for each of `providers` until cancelled, passing each state on to `publish`.
    public static func run(_ providers: [any ConfigurationProvider], throttle: Duration, logger: Logger,
                           publish: @escaping @Sendable (ProviderState) async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            for provider in providers {
                let runner = ProviderRunner(provider: provider, throttle: throttle, logger: logger)
                group.addTask { await runner.run(publish) }
            }
        }
    }
}
