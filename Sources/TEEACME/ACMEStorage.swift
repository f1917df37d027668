/// Where a resolver's account and certificates are kept: Traefik's acme.json for a standalone
/// proxy, the cluster's store in a cluster.
public protocol ACMEStorage: Sendable {
    /// The resolver's account and certificates; empty when nothing is stored yet.
    func load(resolver: String) async throws -> ACMEStoredResolver
    /// Replaces what is stored for the resolver, keeping the other resolvers' entries.
    func save(_ stored: ACMEStoredResolver, resolver: String) async throws
}

extension ACMEStorageFile: ACMEStorage {
    public func load(resolver: String) async throws -> ACMEStoredResolver {
        try self.read()[resolver] ?? ACMEStoredResolver()
    }

    public func save(_ stored: ACMEStoredResolver, resolver: String) async throws {
        try self.write(stored, as: resolver)
    }
}
