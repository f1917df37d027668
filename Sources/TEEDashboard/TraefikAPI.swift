import Foundation
import TEEModel
import TEEProxy

/// Traefik's read API over one ``APIState``, in Traefik's JSON shapes: `/api/overview`,
/// `/api/entrypoints[/NAME]`, `/api/{http,tcp,udp}/{routers,services,middlewares}[/NAME]` (lists
/// filtered and paged as Traefik does), `/api/rawdata` and `/api/version`; and tee's own
/// `/api/providers` (each provider's state) and `/api/tee/traffic` (request totals per router
/// and service, for the dashboard's plots).
public struct TraefikAPI: Sendable {
    public let state: APIState

    public init(state: APIState) {
        self.state = state
    }

    /// The answer for a GET of `path` with `query` (the part after `?`); nil when `path` is not under `/api/`.
    public func respond(path: String, query: String) -> APIResponse? {
        guard path.hasPrefix("/api/") else { return nil }
        let parts = path.split(separator: "/").dropFirst().map { $0.removingPercentEncoding ?? String($0) }
        switch parts.count {
        case 1:
            switch parts[0] {
            case "overview": return .json(self.overview())
            case "entrypoints": return self.list(self.entryPointObjects(), query: query, status: { _ in "" }, texts: { [$0["name"] as? String ?? ""] })
            case "rawdata": return .json(self.rawData())
            case "version": return .json(["Version": TEEVersion.current, "Codename": "tee", "startDate": Self.iso8601(self.state.startDate)])
            case "providers": return .json(self.providerStates())
            default: break
            }
        case 2 where parts[0] == "entrypoints":
            guard let entryPoint = self.entryPointObjects().first(where: { $0["name"] as? String == parts[1] }) else {
                return .error("entry point not found: \(parts[1])", status: 404)
            }
            return .json(entryPoint)
        case 2 where parts[0] == "tee" && parts[1] == "traffic":
            return .json(self.traffic())
        case 2, 3:
            guard let kind = APIObjectKind(protocol: parts[0], collection: parts[1]) else { break }
            if parts.count == 3 {
                guard self.names(of: kind).contains(parts[2]) else {
                    return .error("\(kind.singular) not found: \(parts[2])", status: 404)
                }
                return .json(self.object(kind, named: parts[2]))
            }
            return self.list(kind, query: query)
        default: break
        }
        return .error("unknown API path \(path); see /api/overview", status: 404)
    }

    // MARK: Lists

    private func list(_ kind: APIObjectKind, query: String) -> APIResponse {
        let listQuery: APIListQuery
        do { listQuery = try APIListQuery(query: query) } catch { return .error(error.message, status: 400) }
        let configuration = self.state.runtime.configuration
        let names = self.names(of: kind).sorted().filter { name in
            let status = self.status(kind, name)
            switch kind {
            case .httpRouter:
                let router = configuration.routers[name]
                return listQuery.keeps(status: status.label, texts: [name, router?.rule ?? ""])
                    && listQuery.keeps(service: router?.service ?? "") && listQuery.keeps(middlewares: router?.middlewares ?? [])
            case .tcpRouter:
                let router = configuration.tcpRouters[name]
                return listQuery.keeps(status: status.label, texts: [name, router?.rule ?? ""])
                    && listQuery.keeps(service: router?.service ?? "") && listQuery.keeps(middlewares: router?.middlewares ?? [])
            case .udpRouter:
                return listQuery.keeps(status: status.label, texts: [name]) && listQuery.keeps(service: configuration.udpRouters[name]?.service ?? "")
            default:
                return listQuery.keeps(status: status.label, texts: [name])
            }
        }
        do {
            let (range, next) = try listQuery.page(of: names.count)
            let servers = kind == .httpService ? self.serverHealth() : [:]
            return .json(names[range].map { self.object(kind, named: $0, servers: servers) },
                         headers: [("X-Next-Page", String(next)), ("X-Total-Count", String(names.count))])
        } catch {
            return .error(error.message, status: 400)
        }
    }

    /// A list of ready objects (entry points), filtered and paged the same way.
    private func list(_ objects: [[String: Any]], query: String, status: ([String: Any]) -> String,
                      texts: ([String: Any]) -> [String]) -> APIResponse {
        do {
            let listQuery = try APIListQuery(query: query)
            let kept = objects.filter { listQuery.keeps(status: status($0), texts: texts($0)) }
            let (range, next) = try listQuery.page(of: kept.count)
            return .json(Array(kept[range]), headers: [("X-Next-Page", String(next)), ("X-Total-Count", String(kept.count))])
        } catch {
            return .error(error.message, status: 400)
        }
    }

    func names(of kind: APIObjectKind) -> Set<String> {
        let runtime = self.state.runtime
        let configuration = runtime.configuration
        switch kind {
        case .httpRouter: return Set(runtime.routerStatus.keys)
        case .httpService: return Set(runtime.serviceStatus.keys)
        case .httpMiddleware: return Set(runtime.middlewareStatus.keys)
        case .tcpRouter, .udpRouter, .tcpService, .udpService, .tcpMiddleware:
            var names = Set(runtime.networkStatus.keys.compactMap { key -> String? in
                let parts = key.split(separator: "/", maxSplits: 1)
                return parts.count == 2 && parts[0] == kind.statusPrefix ? String(parts[1]) : nil
            })
            switch kind {
            case .tcpRouter: names.formUnion(configuration.tcpRouters.keys)
            case .udpRouter: names.formUnion(configuration.udpRouters.keys)
            case .tcpService: names.formUnion(configuration.tcpServices.keys)
            case .udpService: names.formUnion(configuration.udpServices.keys)
            default: names.formUnion(configuration.tcpMiddlewares.keys)
            }
            return names
        }
    }

    func status(_ kind: APIObjectKind, _ name: String) -> RuntimeObjectStatus {
        let runtime = self.state.runtime
        switch kind {
        case .httpRouter: return runtime.routerStatus[name] ?? RuntimeObjectStatus()
        case .httpService: return runtime.serviceStatus[name] ?? RuntimeObjectStatus()
        case .httpMiddleware: return runtime.middlewareStatus[name] ?? RuntimeObjectStatus()
        default:
            // Without `usedBy`: the runtime does not keep it for TCP and UDP objects (see ``object(_:named:servers:)``).
            return runtime.networkStatus["\(kind.statusPrefix)/\(name)"] ?? RuntimeObjectStatus()
        }
    }

    // MARK: Objects

    func object(_ kind: APIObjectKind, named name: String, servers: [String: [String: String]]? = nil) -> [String: Any] {
        var status = self.status(kind, name)
        if status.usedBy.isEmpty { status.usedBy = self.networkUsers(of: kind, name) }
        var object: [String: Any] = [
            "name": name,
            "provider": name.split(separator: "@", maxSplits: 1).dropFirst().first.map(String.init) ?? "file",
            "status": status.label,
        ]
        if !status.errors.isEmpty { object["error"] = status.errors }
        if !status.usedBy.isEmpty { object["usedBy"] = status.usedBy }
        let configuration = self.state.runtime.configuration
        switch kind {
        case .httpRouter:
            guard let router = configuration.routers[name] else { break }
            self.addRouterFields(to: &object, rule: router.rule, service: router.service, priority: router.effectivePriority,
                                 entryPoints: router.entryPoints, middlewares: router.middlewares)
            if let tls = router.tls {
                var tlsObject: [String: Any] = ["options": tls.options ?? "default"]
                if let resolver = tls.certResolver { tlsObject["certResolver"] = resolver }
                if !tls.certificateDomains.isEmpty {
                    tlsObject["domains"] = tls.certificateDomains.map { ["main": $0.main, "sans": $0.sans] }
                }
                object["tls"] = tlsObject
            }
        case .httpService:
            let servers = servers ?? self.serverHealth()
            switch configuration.services[name] {
            case .loadBalancer(let balancer):
                object["type"] = "loadbalancer"
                object["loadBalancer"] = ["servers": balancer.servers.map { ["url": $0.url, "weight": $0.weight] },
                                          "passHostHeader": balancer.passHostHeader]
                if self.state.isServing, let health = servers[name], !health.isEmpty { object["serverStatus"] = health }
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
        case .httpMiddleware:
            if let middleware = configuration.middlewares[name] { object["type"] = middleware.typeName }
            // Traefik shows the settings under the type's key (`"stripPrefix": {"prefixes": […]}`).
            if configuration.middlewares[name] != nil, let text = configuration.middlewareSettings[name],
               let settings = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] {
                object.merge(settings) { current, _ in current }
            }
        case .tcpRouter:
            guard let router = configuration.tcpRouters[name] else { break }
            self.addRouterFields(to: &object, rule: router.rule, service: router.service, priority: router.effectivePriority,
                                 entryPoints: router.entryPoints, middlewares: router.middlewares)
            if let tls = router.tls {
                var tlsObject: [String: Any] = ["passthrough": tls.passthrough, "options": tls.options ?? "default"]
                if let resolver = tls.certResolver { tlsObject["certResolver"] = resolver }
                object["tls"] = tlsObject
            }
        case .udpRouter:
            guard let router = configuration.udpRouters[name] else { break }
            object["service"] = router.service
            object["entryPoints"] = router.entryPoints
            object["using"] = router.entryPoints.isEmpty ? self.entryPointNames(udp: true) : router.entryPoints
        case .tcpService, .udpService:
            switch kind == .tcpService ? configuration.tcpServices[name] : configuration.udpServices[name] {
            case .loadBalancer(let servers, let proxyProtocol):
                object["type"] = "loadbalancer"
                var balancer: [String: Any] = ["servers": servers.map { ["address": $0.address.description, "weight": $0.weight] }]
                if let proxyProtocol { balancer["proxyProtocol"] = ["version": proxyProtocol] }
                object["loadBalancer"] = balancer
            case .weighted(let services):
                object["type"] = "weighted"
                object["weighted"] = ["services": services.map { ["name": $0.name, "weight": $0.weight] }]
            case nil:
                break
            }
        case .tcpMiddleware:
            switch configuration.tcpMiddlewares[name] {
            case .ipAllowList: object["type"] = "ipallowlist"
            case .inFlightConn: object["type"] = "inflightconn"
            case nil: break
            }
        }
        return object
    }

    /// What HTTP and TCP routers show alike; `using` is every TCP entry point when the router names none.
    private func addRouterFields(to object: inout [String: Any], rule: String, service: String, priority: Int,
                                 entryPoints: [String], middlewares: [String]) {
        object["rule"] = rule
        object["service"] = service
        object["priority"] = priority
        object["entryPoints"] = entryPoints
        object["using"] = entryPoints.isEmpty ? self.entryPointNames(udp: false) : entryPoints
        if !middlewares.isEmpty { object["middlewares"] = middlewares }
    }

    /// Each load-balanced service's servers and their health (`UP` or `DOWN`), by service name.
    private func serverHealth() -> [String: [String: String]] {
        var health: [String: [String: String]] = [:]
        for server in self.state.runtime.servers {
            health[server.serviceName, default: [:]][server.urlText] = server.isHealthy ? "UP" : "DOWN"
        }
        return health
    }

    /// Routers of a TCP or UDP service or TCP middleware (references are qualified when parsed); none for HTTP objects.
    private func networkUsers(of kind: APIObjectKind, _ name: String) -> [String] {
        let configuration = self.state.runtime.configuration
        switch kind {
        case .tcpService: return configuration.tcpRouters.filter { $0.value.service == name }.map(\.key).sorted()
        case .udpService: return configuration.udpRouters.filter { $0.value.service == name }.map(\.key).sorted()
        case .tcpMiddleware: return configuration.tcpRouters.filter { $0.value.middlewares.contains(name) }.map(\.key).sorted()
        default: return []
        }
    }

    // MARK: Overview, entry points, raw data

    private func overview() -> [String: Any] {
        func counts(_ kind: APIObjectKind) -> [String: Int] {
            let names = self.names(of: kind)
            let errors = names.filter { !self.status(kind, $0).isEnabled }.count
            return ["total": names.count, "warnings": 0, "errors": errors]
        }
        let providers = ["file"] + self.state.providers.keys.sorted()
        return [
            "http": ["routers": counts(.httpRouter), "services": counts(.httpService), "middlewares": counts(.httpMiddleware)],
            "tcp": ["routers": counts(.tcpRouter), "services": counts(.tcpService), "middlewares": counts(.tcpMiddleware)],
            "udp": ["routers": counts(.udpRouter), "services": counts(.udpService)],
            "features": ["tracing": self.state.tracing, "metrics": self.state.metrics, "accessLog": self.state.accessLog],
            "providers": providers.map { $0.prefix(1).uppercased() + $0.dropFirst() },
            // tee's addition: each provider's state, for the dashboard.
            "providerStatus": self.providerStates(),
        ]
    }

    /// `/api/providers` (tee's): each provider beside the file, `ok` or `error` with its error.
    private func providerStates() -> [[String: Any]] {
        self.state.providers.keys.sorted().map { name in
            var entry: [String: Any] = ["name": name, "status": self.state.providers[name]! == nil ? "ok" : "error"]
            if let error = self.state.providers[name]! { entry["error"] = error }
            return entry
        }
    }

    private func entryPointNames(udp: Bool) -> [String] {
        self.state.entryPoints.filter { $0.address.isUDP == udp }.map(\.name)
    }

    private func entryPointObjects() -> [[String: Any]] {
        self.state.entryPoints.map { entryPoint in
            var object: [String: Any] = [
                "name": entryPoint.name,
                // A controller knows entry points by the names routers use; each proxy binds its own address.
                "address": self.state.isServing ? entryPoint.address.description : "",
                "transport": [
                    "lifeCycle": ["graceTimeOut": Self.goText(entryPoint.graceTimeout)],
                    "respondingTimeouts": ["readTimeout": Self.goText(entryPoint.readTimeout),
                                           "writeTimeout": Self.goText(entryPoint.writeTimeout),
                                           "idleTimeout": Self.goText(entryPoint.idleTimeout)],
                ],
                "forwardedHeaders": ["insecure": entryPoint.trustAllForwardedHeaders,
                                     "trustedIPs": entryPoint.trustedIPs.map(\.description)],
                "http2": ["maxConcurrentStreams": entryPoint.maxConcurrentStreams],
            ]
            if !entryPoint.defaultMiddlewares.isEmpty { object["http"] = ["middlewares": entryPoint.defaultMiddlewares] }
            return object
        }
    }

    private func rawData() -> [String: Any] {
        let servers = self.serverHealth()
        func map(_ kind: APIObjectKind) -> [String: Any] {
            Dictionary(uniqueKeysWithValues: self.names(of: kind).map { ($0, self.object(kind, named: $0, servers: servers)) })
        }
        return [
            "routers": map(.httpRouter), "services": map(.httpService), "middlewares": map(.httpMiddleware),
            "tcpRouters": map(.tcpRouter), "tcpServices": map(.tcpService), "tcpMiddlewares": map(.tcpMiddleware),
            "udpRouters": map(.udpRouter), "udpServices": map(.udpService),
        ]
    }

    private func traffic() -> [String: Any] {
        var object = self.state.traffic?.json() ?? [:]
        object["time"] = Date().timeIntervalSince1970
        object["available"] = self.state.traffic != nil
        return object
    }

    // MARK: Formatting

    /// A duration as Go prints it for whole units: `60s`, `500ms`, `0s`.
    static func goText(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds)s" }
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return "\(milliseconds)ms"
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

extension RuntimeObjectStatus {
    /// Traefik's status word.
    var label: String { self.isEnabled ? "enabled" : "disabled" }
}
