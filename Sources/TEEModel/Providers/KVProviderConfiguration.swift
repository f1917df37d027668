import Foundation

/// `providers.redis`, `providers.etcd`, `providers.zookeeper`: Traefik's key layout
/// (`traefik/http/routers/NAME/rule`) read from a key-value store and watched.
public struct KVProviderConfiguration: Sendable, Equatable {
    /// `host:port` of each server: one at a time, the next after a failure.
    public var endpoints: [String]
    /// The keys' root (`traefik`).
    public var rootKey = "traefik"
    public var username: String?
    public var password: String?
    public var tls: ProviderTLSConfiguration?
    /// Redis: the database number.
    public var database = 0

    public init(endpoints: [String]) {
        self.endpoints = endpoints
    }

    /// Each store's default endpoint, as Traefik has them.
    public static func defaultEndpoint(of store: String) -> String {
        switch store {
        case "redis": "127.0.0.1:6379"
        case "zookeeper": "127.0.0.1:2181"
        case "consul": "127.0.0.1:8500"
        default: "127.0.0.1:2379"
        }
    }

    static func parse(_ node: ConfigNode, store: String) throws(ConfigurationError) -> KVProviderConfiguration {
        var kv = KVProviderConfiguration(endpoints: [Self.defaultEndpoint(of: store)])
        if let endpoints = try node.child("endpoints") {
            kv.endpoints = try endpoints.stringList()
            for endpoint in kv.endpoints where HostPort(parsing: Self.withoutScheme(endpoint)) == nil {
                throw endpoints.error("expected host:port, got '\(endpoint)'")
            }
            guard !kv.endpoints.isEmpty else { throw endpoints.error("give at least one endpoint, such as \(Self.defaultEndpoint(of: store))") }
        }
        if let root = try node.child("rootKey") {
            kv.rootKey = try root.string().trimmingCharacters(in: ["/"])
            guard !kv.rootKey.isEmpty else { throw root.error("the root key cannot be empty; the default is traefik") }
        }
        kv.username = try node.child("username")?.string()
        kv.password = try node.child("password")?.string()
        if let tls = try node.child("tls") { kv.tls = try ProviderTLSConfiguration.parse(tls) }
        if let database = try node.child("db") { kv.database = try database.int() }
        return kv
    }

    /// `host:port` of an endpoint written with a scheme (`http://127.0.0.1:2379`).
    public static func withoutScheme(_ endpoint: String) -> String {
        guard let range = endpoint.range(of: "://") else { return endpoint }
        return String(endpoint[range.upperBound...])
    }
}
