/// The mesh as applied with teeadm: registered services, and policy in SMI's shapes
/// (`TrafficTarget`, `HTTPRouteGroup`, `TCPRoute`, `TrafficSplit`) with our `ServicePolicy`.
public struct MeshConfiguration: Sendable {
    public var services: [MeshService] = []
    public var trafficTargets: [TrafficTarget] = []
    public var httpRouteGroups: [HTTPRouteGroup] = []
    public var tcpRoutes: [TCPRoute] = []
    public var trafficSplits: [TrafficSplit] = []
    public var servicePolicies: [ServicePolicy] = []
    /// The virtual IPs the controllers gave the services (standalone agents allocate their own).
    public var virtualIPs: [MeshServiceIdentity: String] = [:]
    /// Where each node's agent takes mTLS connections (`host:port`), as the agents registered it.
    public var agents: [String: String] = [:]

    public init() {}

    /// Whether `source` may send `request` to `destination` (HTTP): some target of the
    /// destination lists the source and has no rules, or a route group rule that matches.
    public func allows(_ source: MeshServiceIdentity, to destination: MeshServiceIdentity, request: MeshHTTPRequest) -> Bool {
        self.targets(from: source, to: destination).contains { target in
            target.rules.isEmpty || target.rules.contains { rule in
                guard rule.kind == .httpRouteGroup, let group = self.routeGroup(rule.name, namespace: target.namespace) else { return false }
                return group.matches.contains { match in
                    (rule.matches.isEmpty || rule.matches.contains(match.name)) && match.matches(request)
                }
            }
        }
    }

    /// Whether `source` may open a TCP connection to `destination` on `port`.
    public func allows(_ source: MeshServiceIdentity, to destination: MeshServiceIdentity, port: Int) -> Bool {
        self.targets(from: source, to: destination).contains { target in
            target.rules.isEmpty || target.rules.contains { rule in
                guard rule.kind == .tcpRoute else { return false }
                return self.tcpRoutes.first { $0.name == rule.name && $0.namespace == target.namespace }?.admits(port: port) ?? false
            }
        }
    }

    /// The registered service, if any.
    public func service(_ identity: MeshServiceIdentity) -> MeshService? {
        self.services.first { $0.identity == identity }
    }

    /// The services with an instance on `node`: the ones whose certificates that node's agent
    /// may hold, and whose local uids it maps to identities.
    public func services(on node: String) -> [MeshService] {
        self.services.filter { $0.instances.contains { $0.node == node } }
    }

    /// The service a local client running as `uid` on `node` speaks for: the one service with
    /// an instance there under that uid. Nil when none has, or when several do (the agent cannot
    /// tell them apart, so it denies).
    public func identity(ofUID uid: UInt32, on node: String) -> MeshServiceIdentity? {
        let matching = Set(self.services.flatMap(\.instances).filter { $0.node == node && $0.uid == uid }.map(\.service))
        return matching.count == 1 ? matching.first : nil
    }

    /// The split that applies to requests for `service`, if any.
    public func split(for service: MeshServiceIdentity) -> TrafficSplit? {
        self.trafficSplits.first { $0.service == service }
    }

    /// The policy for clients of `service`, if any.
    public func policy(for service: MeshServiceIdentity) -> ServicePolicy? {
        self.servicePolicies.first { $0.service == service }
    }

    private func targets(from source: MeshServiceIdentity, to destination: MeshServiceIdentity) -> LazyFilterSequence<[TrafficTarget]> {
        self.trafficTargets.lazy.filter { $0.destination == destination && $0.sources.contains(source) }
    }

    private func routeGroup(_ name: String, namespace: String) -> HTTPRouteGroup? {
        self.httpRouteGroups.first { $0.name == name && $0.namespace == namespace }
    }
}
