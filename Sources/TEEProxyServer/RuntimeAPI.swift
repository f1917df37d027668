import Foundation
import TEEModel
import TEEProxy

/// The read-only API (`api` in the static configuration), in the shape of Traefik's:
/// `/api/http/routers`, `/api/http/services`, `/api/http/middlewares`, each also by name
/// (`/api/http/routers/NAME`), and `/api/overview`.
struct RuntimeAPI: Sendable {
    /// The answer for `path`: status and JSON body; nil when the path is not an API path.
    static func respond(to path: String, runtime: ProxyRuntime, providers: [String: String?] = [:]) -> (status: UInt, body: String)? {
        guard path.hasPrefix("/api/") else { return nil }
        let parts = path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        switch (parts.count, parts.count > 2 ? parts[2] : "") {
        case (2, _) where parts[1] == "overview":
            var overview = Self.overview(runtime)
            overview["providers"] = (["file"] + providers.keys.sorted()).map { $0.prefix(1).uppercased() + $0.dropFirst() }
            return (200, Self.json(overview))
        case (2, _) where parts[1] == "providers":
            return (200, Self.json(providers.keys.sorted().map { name -> [String: Any] in
                var entry: [String: Any] = ["name": name, "status": providers[name]! == nil ? "ok" : "error"]
                if let error = providers[name]! { entry["error"] = error }
                return entry
            }))
        case (3, "routers"), (3, "services"), (3, "middlewares"):
            return (200, Self.json(Self.list(parts[2], runtime: runtime)))
        case (4, "routers"), (4, "services"), (4, "middlewares"):
            guard let object = Self.list(parts[2], runtime: runtime).first(where: { $0["name"] as? String == parts[3] }) else {
                return (404, Self.json(["message": "\(parts[2].dropLast()) not found"]))
            }
            return (200, Self.json(object))
        default:
            return (404, Self.json(["message": "unknown API path"]))
        }
    }

    private static func list(_ kind: String, runtime: ProxyRuntime) -> [[String: Any]] {
        let configuration = runtime.configuration
        switch kind {
        case "routers":
            return runtime.routerStatus.keys.sorted().map { name in
                var object = Self.common(name: name, status: runtime.routerStatus[name]!)
                if let router = configuration.routers[name] {
                    object["rule"] = router.rule
                    object["service"] = router.service
                    object["priority"] = router.effectivePriority
                    object["entryPoints"] = router.entryPoints
                    if !router.middlewares.isEmpty { object["middlewares"] = router.middlewares }
                    if let tls = router.tls { object["tls"] = ["options": tls.options ?? "default"] }
                }
                return object
            }
        case "services":
            return runtime.serviceStatus.keys.sorted().map { name in
                var object = Self.common(name: name, status: runtime.serviceStatus[name]!)
                switch configuration.services[name] {
                case .loadBalancer(let balancer):
                    object["type"] = "loadbalancer"
                    object["loadBalancer"] = ["servers": balancer.servers.map { ["url": $0.url, "weight": $0.weight] },
                                              "passHostHeader": balancer.passHostHeader]
                    let urls = Set(balancer.servers.compactMap { UpstreamURL(parsing: $0.url) })
                    object["serverStatus"] = Dictionary(
                        runtime.servers.filter { urls.contains($0.url) }.map { ($0.urlText, $0.isHealthy ? "UP" : "DOWN") },
                        uniquingKeysWith: { first, _ in first }
                    )
                case .weighted(let services, _):
                    object["type"] = "weighted"
                    object["weighted"] = ["services": services.map { ["name": $0.name, "weight": $0.weight] }]
                case .mirroring(let main, let mirrors, _, _):
                    object["type"] = "mirroring"
                    object["mirroring"] = ["service": main, "mirrors": mirrors.map { ["name": $0.name, "percent": $0.percent] }]
                case .failover(let main, let fallback):
                    object["type"] = "failover"
                    object["failover"] = ["service": main, "fallback": fallback]
                case nil:
                    break
                }
                return object
            }
        default:
            return runtime.middlewareStatus.keys.sorted().map { name in
                var object = Self.common(name: name, status: runtime.middlewareStatus[name]!)
                if let middleware = configuration.middlewares[name] { object["type"] = middleware.typeName }
                return object
            }
        }
    }

    private static func common(name: String, status: RuntimeObjectStatus) -> [String: Any] {
        var object: [String: Any] = [
            "name": name,
            "provider": name.split(separator: "@").last.map(String.init) ?? "file",
            "status": status.isEnabled ? "enabled" : "disabled",
        ]
        if !status.errors.isEmpty { object["error"] = status.errors }
        if !status.usedBy.isEmpty { object["usedBy"] = status.usedBy }
        return object
    }

    private static func overview(_ runtime: ProxyRuntime) -> [String: Any] {
        func counts(_ statuses: [String: RuntimeObjectStatus]) -> [String: Int] {
            let errors = statuses.values.filter { !$0.isEnabled }.count
            return ["total": statuses.count, "warnings": 0, "errors": errors]
        }
        return ["http": ["routers": counts(runtime.routerStatus), "services": counts(runtime.serviceStatus),
                         "middlewares": counts(runtime.middlewareStatus)]]
    }

    private static func json(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
