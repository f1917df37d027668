import TEEModel
import TEEProxy

/// What proxies will make of a configuration: each router, service and middleware enabled, or
/// disabled with its reasons, built by the proxies' own runtime builder. Routers are placed on
/// every entry point they name (the controller does not know the proxies' entry points).
struct RuntimeView {
    let routers: [String: RuntimeObjectStatus]
    let services: [String: RuntimeObjectStatus]
    let middlewares: [String: RuntimeObjectStatus]
    let network: [String: RuntimeObjectStatus]
    /// The runtime proxies would build (for Traefik's API on the controllers).
    let runtime: ProxyRuntime
    /// The entry points routers name, with `web` and `websecure`.
    let entryPointNames: [String]

    init(_ configuration: DynamicConfiguration) {
        var entryPoints = Set(["web", "websecure"])
        for router in configuration.routers.values { entryPoints.formUnion(router.entryPoints) }
        for router in configuration.tcpRouters.values { entryPoints.formUnion(router.entryPoints) }
        for router in configuration.udpRouters.values { entryPoints.formUnion(router.entryPoints) }
        let runtime = RuntimeBuilder.build(configuration, entryPoints: entryPoints.sorted().map { EntryPointRouting(name: $0) })
        self.runtime = runtime
        self.entryPointNames = entryPoints.sorted()
        self.routers = runtime.routerStatus
        self.services = runtime.serviceStatus
        self.middlewares = runtime.middlewareStatus
        self.network = runtime.networkStatus
    }

    /// Every disabled object whose name ends in `@provider`, with its reasons.
    func problems(of provider: String) -> [String] {
        var problems: [String] = []
        for (kind, statuses) in [("router", self.routers), ("service", self.services), ("middleware", self.middlewares), ("tcp/udp object", self.network)] {
            for (name, status) in statuses.sorted(by: { $0.key < $1.key }) where !status.isEnabled && name.hasSuffix("@\(provider)") {
                problems.append("\(kind) \(name): \(status.errors.joined(separator: "; "))")
            }
        }
        return problems
    }

    /// The JSON of `GET /api/v1/runtime`'s objects.
    static func json(_ statuses: [String: RuntimeObjectStatus]) -> JSONValue {
        .array(statuses.keys.sorted().map { name in
            let status = statuses[name]!
            var object: [String: JSONValue] = ["name": .string(name), "status": .string(status.isEnabled ? "enabled" : "disabled")]
            if !status.errors.isEmpty { object["errors"] = .array(status.errors.map(JSONValue.string)) }
            if !status.usedBy.isEmpty { object["usedBy"] = .array(status.usedBy.map(JSONValue.string)) }
            return .object(object)
        })
    }
}
