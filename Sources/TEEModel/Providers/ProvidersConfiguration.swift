/// The static `providers` section beyond the file provider: the sources a leader (or a
/// standalone proxy) watches. Each provider's objects are named `name@provider`.
public struct ProvidersConfiguration: Sendable, Equatable {
    public var docker: DockerProviderConfiguration?
    public var redis: KVProviderConfiguration?
    public var etcd: KVProviderConfiguration?
    public var zookeeper: KVProviderConfiguration?
    public var http: HTTPProviderConfiguration?
    /// `providers.providersThrottleDuration`: changes closer together than this are applied together.
    public var throttleDuration: Duration = .zero

    public init() {}

    /// Whether any provider here is configured.
    public var isEmpty: Bool {
        self.docker == nil && self.redis == nil && self.etcd == nil && self.zookeeper == nil && self.http == nil
    }

    static func parse(_ node: ConfigNode, errors: inout [ConfigurationError]) throws(ConfigurationError) -> ProvidersConfiguration {
        var providers = ProvidersConfiguration()
        func read<T>(_ key: String, _ parse: (ConfigNode) throws(ConfigurationError) -> T) throws(ConfigurationError) -> T? {
            guard let child = try node.child(key) else { return nil }
            do {
                return try parse(child)
            } catch {
                errors.append(error)
                return nil
            }
        }
        providers.docker = try read("docker", DockerProviderConfiguration.parse)
        providers.redis = try read("redis") { node throws(ConfigurationError) in try KVProviderConfiguration.parse(node, store: "redis") }
        providers.etcd = try read("etcd") { node throws(ConfigurationError) in try KVProviderConfiguration.parse(node, store: "etcd") }
        providers.zookeeper = try read("zookeeper") { node throws(ConfigurationError) in try KVProviderConfiguration.parse(node, store: "zookeeper") }
        providers.http = try read("http", HTTPProviderConfiguration.parse)
        providers.throttleDuration = try node.child("providersThrottleDuration")?.duration() ?? .zero
        return providers
    }
}
