public import TEEModel

/// Builds the TCP and UDP parts of a runtime: routers by entry point, with a status for each.
struct NetworkRuntimeBuilder {
    let configuration: DynamicConfiguration
    let entryPoints: [String]
    private var services: [String: Result<any NetworkServiceHandler, RuntimeBuilder.BuildFailure>] = [:]

    init(configuration: DynamicConfiguration, entryPoints: [String]) {
        self.configuration = configuration
        self.entryPoints = entryPoints
    }

    /// TCP router tables by entry point, UDP services by entry point, and every router's status.
    mutating func build() -> (tcp: [String: TCPRouterTable], udp: [String: any NetworkServiceHandler], status: [String: RuntimeObjectStatus]) {
        var status: [String: RuntimeObjectStatus] = [:]
        for problem in self.configuration.problems where [.tcpRouter, .tcpService, .tcpMiddleware, .udpRouter, .udpService].contains(problem.kind) {
            status["\(problem.kind.rawValue)/\(problem.name)"] = RuntimeObjectStatus(errors: [problem.error.description])
        }
        var tcp: [String: [CompiledTCPRouter]] = [:]
        for (name, router) in self.configuration.tcpRouters.sorted(by: { $0.key < $1.key }) {
            do {
                let compiled = try self.tcpRouter(name, router)
                for entryPoint in try self.entryPoints(of: router.entryPoints) { tcp[entryPoint, default: []].append(compiled) }
                status["tcpRouter/\(name)"] = RuntimeObjectStatus()
            } catch {
                status["tcpRouter/\(name)"] = RuntimeObjectStatus(errors: [error.message])
            }
        }
        var udp: [String: any NetworkServiceHandler] = [:]
        for (name, router) in self.configuration.udpRouters.sorted(by: { $0.key < $1.key }) {
            do {
                let service = try self.service(router.service, kind: .udpService, visiting: [])
                for entryPoint in try self.entryPoints(of: router.entryPoints) where udp[entryPoint] == nil { udp[entryPoint] = service }
                status["udpRouter/\(name)"] = RuntimeObjectStatus()
            } catch {
                status["udpRouter/\(name)"] = RuntimeObjectStatus(errors: [error.message])
            }
        }
        return (tcp.mapValues(TCPRouterTable.init), udp, status)
    }

    private func entryPoints(of names: [String]) throws(RuntimeBuilder.BuildFailure) -> [String] {
        let chosen = names.isEmpty ? self.entryPoints : names
        if let unknown = chosen.first(where: { !self.entryPoints.contains($0) }) {
            throw RuntimeBuilder.BuildFailure(message: "entry point '\(unknown)' does not exist; defined: \(self.entryPoints.joined(separator: ", "))")
        }
        return chosen
    }

    private mutating func tcpRouter(_ name: String, _ router: TCPRouterConfiguration) throws(RuntimeBuilder.BuildFailure) -> CompiledTCPRouter {
        let rule: RuleExpression
        do {
            rule = try RuleExpression.parse(router.rule, language: .tcp)
        } catch {
            throw RuntimeBuilder.BuildFailure(message: "\(error) in '\(router.rule)'")
        }
        if router.tls == nil, !Self.isCatchAll(rule) {
            throw RuntimeBuilder.BuildFailure(message: "a router without tls cannot match by server name; use HostSNI(`*`) or add tls")
        }
        var middlewares: [any TCPConnectionMiddleware] = []
        for middlewareName in router.middlewares {
            guard let middleware = self.configuration.tcpMiddlewares[middlewareName] else {
                throw RuntimeBuilder.BuildFailure(message: "TCP middleware \(middlewareName) does not exist")
            }
            switch middleware {
            case .ipAllowList(let range): middlewares.append(TCPIPAllowList(sourceRange: range))
            case .inFlightConn(let amount): middlewares.append(TCPInFlightConnections(amount: amount))
            }
        }
        return CompiledTCPRouter(name: name, rule: rule, priority: router.effectivePriority, tls: router.tls,
                                 middlewares: middlewares, service: try self.service(router.service, kind: .tcpService, visiting: []))
    }

    /// Whether a plain router's rule can match without a server name (`HostSNI(`*`)`, maybe with `ClientIP`).
    private static func isCatchAll(_ rule: RuleExpression) -> Bool {
        switch rule {
        case .matcher(.hostSNI(nil)), .matcher(.clientIP): true
        case .matcher: false
        case .and(let left, let right), .or(let left, let right): Self.isCatchAll(left) && Self.isCatchAll(right)
        case .not(let inner): Self.isCatchAll(inner)
        }
    }

    private mutating func service(_ name: String, kind: ConfigurationObjectKind, visiting: Set<String>)
        throws(RuntimeBuilder.BuildFailure) -> any NetworkServiceHandler {
        let key = "\(kind.rawValue)/\(name)"
        if let built = self.services[key] { return try built.get() }
        guard !visiting.contains(name) else { throw RuntimeBuilder.BuildFailure(message: "service \(name) refers to itself") }
        let services = kind == .tcpService ? self.configuration.tcpServices : self.configuration.udpServices
        guard let configuration = services[name] else {
            if let problem = self.configuration.problems.first(where: { $0.kind == kind && $0.name == name }) {
                throw RuntimeBuilder.BuildFailure(message: "service \(name) is disabled: \(problem.error)")
            }
            throw RuntimeBuilder.BuildFailure(message: "service \(name) does not exist")
        }
        let result: Result<any NetworkServiceHandler, RuntimeBuilder.BuildFailure>
        switch configuration {
        case .loadBalancer(let servers, let version):
            result = .success(NetworkLoadBalancer(servers: servers, proxyProtocolVersion: version))
        case .weighted(let entries):
            do {
                var children: [(handler: any NetworkServiceHandler, weight: Int)] = []
                for entry in entries {
                    children.append((try self.service(entry.name, kind: kind, visiting: visiting.union([name])), entry.weight))
                }
                result = .success(NetworkWeightedService(children: children))
            } catch {
                result = .failure(error)
            }
        }
        self.services[key] = result
        return try result.get()
    }
}
