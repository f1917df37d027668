import TEEModel

/// The routers of one entry point, indexed by the hosts their rules require.
///
/// A lookup evaluates only the routers filed under the request's exact host, under its
/// one-label wildcard, and those that no host pins down, in priority order, so its cost does
/// not grow with the number of Host routers.
public struct RouterTable: Sendable {
    private var exact: [String: [CompiledRouter]] = [:]
    private var wildcard: [String: [CompiledRouter]] = [:]
    private var unindexed: [CompiledRouter] = []

    /// Files routers (already in priority order) under their host keys.
    public init(_ routers: [CompiledRouter]) {
        for router in routers.sorted(by: { $0.order < $1.order }) {
            guard let hosts = router.rule.requiredHosts else {
                self.unindexed.append(router)
                continue
            }
            for host in Set(hosts) {
                switch host {
                case .exact(let name): self.exact[name, default: []].append(router)
                case .wildcard(let suffix): self.wildcard[suffix, default: []].append(router)
                }
            }
        }
    }

    /// Whether any router is in the table.
    public var isEmpty: Bool { self.exact.isEmpty && self.wildcard.isEmpty && self.unindexed.isEmpty }

    /// The first router, in priority order, whose rule matches.
    public func route(_ request: ProxyRequest) -> CompiledRouter? {
        let byHost = self.exact[request.host] ?? []
        let byWildcard = self.wildcard.isEmpty ? [] : HostPattern.wildcardSuffix(of: request.host).flatMap { self.wildcard[$0] } ?? []
        var cursors = (0, 0, 0)
        while true {
            // Take the lowest order among the three lists' next routers.
            var best: CompiledRouter?
            var from = -1
            if cursors.0 < byHost.count { best = byHost[cursors.0]; from = 0 }
            if cursors.1 < byWildcard.count, best == nil || byWildcard[cursors.1].order < best!.order {
                best = byWildcard[cursors.1]; from = 1
            }
            if cursors.2 < self.unindexed.count, best == nil || self.unindexed[cursors.2].order < best!.order {
                best = self.unindexed[cursors.2]; from = 2
            }
            guard let router = best else { return nil }
            switch from {
            case 0: cursors.0 += 1
            case 1: cursors.1 += 1
            default: cursors.2 += 1
            }
            if router.rule.matches(request) { return router }
        }
    }
}
