/// SMI's `TrafficSplit`: requests for `service` go to its backends in proportion to their weights.
public struct TrafficSplit: Sendable {
    public var name: String
    public var namespace: String
    /// The service clients address (its name and virtual IP).
    public var service: MeshServiceIdentity
    public var backends: [TrafficSplitBackend]

    public init(name: String, namespace: String, service: MeshServiceIdentity, backends: [TrafficSplitBackend]) {
        self.name = name
        self.namespace = namespace
        self.service = service
        self.backends = backends
    }

    /// The backend for a number drawn uniformly from `0..<totalWeight`.
    public func backend(at draw: Int) -> MeshServiceIdentity? {
        var remaining = draw
        for backend in self.backends where backend.weight > 0 {
            if remaining < backend.weight { return backend.service }
            remaining -= backend.weight
        }
        return nil
    }

    public var totalWeight: Int { self.backends.reduce(0) { $0 + max(0, $1.weight) } }
}
