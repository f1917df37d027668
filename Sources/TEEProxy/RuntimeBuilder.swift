public import TEEModel

/// Builds a ``ProxyRuntime`` from a dynamic configuration, the way Traefik's router factory does:
/// every middleware and service is built (and validated) once; a router whose rule, entry points,
/// middlewares or service fail is disabled with the reason, and every other router serves. As in
/// Traefik, each router gets its own instances of its middlewares, so state such as a rate limit's
/// buckets or a circuit breaker's is kept per router.
public struct RuntimeBuilder {
    private let configuration: DynamicConfiguration
    private let entryPoints: [EntryPointRouting]
    private var middlewares: [String: Result<any RequestMiddleware, BuildFailure>] = [:]
    private var services: [String: Result<any ServiceHandler, BuildFailure>] = [:]
    private var servers: [UpstreamServer] = []
    private var usedBy: [String: Set<String>] = [:]

    /// Why an object could not be built.
    struct BuildFailure: Error {
        let message: String
    }

    /// The demand of distributed rate limits, kept across reloads (shared with the cluster by the daemon).
    private let demand: RateLimitDemand

    public init(configuration: DynamicConfiguration, entryPoints: [EntryPointRouting], demand: RateLimitDemand = RateLimitDemand()) {
        self.configuration = configuration
        self.entryPoints = entryPoints
        self.demand = demand
    }

    /// Builds the runtime; never throws: failures are recorded in the statuses.
    public static func build(_ configuration: DynamicConfiguration, entryPoints: [EntryPointRouting],
                             demand: RateLimitDemand = RateLimitDemand()) -> ProxyRuntime {
        var builder = RuntimeBuilder(configuration: configuration, entryPoints: entryPoints, demand: demand)
        return builder.build()
    }

    private mutating func build() -> ProxyRuntime {
        var routerStatus: [String: RuntimeObjectStatus] = [:]
        var compiled: [(router: CompiledRouter, entryPoints: [String], tls: Bool)] = []
        let problems = Dictionary(grouping: self.configuration.problems, by: { "\($0.kind.rawValue)/\($0.name)" })
        for problem in self.configuration.problems where problem.kind == .router {
            routerStatus[problem.name, default: RuntimeObjectStatus()].errors.append(problem.error.description)
        }
        for name in self.configuration.middlewares.keys.sorted() { _ = self.middleware(name, problems: problems, visiting: []) }
        for name in self.configuration.services.keys.sorted() { _ = self.service(name, problems: problems, visiting: []) }

        let ordered = self.configuration.routers.sorted { left, right in
            let (a, b) = (left.value.effectivePriority, right.value.effectivePriority)
            return a != b ? a > b : left.key < right.key
        }
        for (order, (name, router)) in ordered.enumerated() {
            switch self.router(name, router, order: order, problems: problems) {
            case .success(let built):
                routerStatus[name] = RuntimeObjectStatus()
                compiled.append(built)
            case .failure(let failure):
                routerStatus[name] = RuntimeObjectStatus(errors: [failure.message])
            }
        }

        var plain: [String: RouterTable] = [:]
        var tls: [String: RouterTable] = [:]
        for entryPoint in self.entryPoints {
            let here = compiled.filter { $0.entryPoints.contains(entryPoint.name) }
            plain[entryPoint.name] = RouterTable(here.filter { !$0.tls }.map(\.router))
            tls[entryPoint.name] = RouterTable(here.filter(\.tls).map(\.router))
        }
        var network = NetworkRuntimeBuilder(configuration: self.configuration, entryPoints: self.entryPoints.map(\.name))
        let (tcpRouters, udpServices, networkStatus) = network.build()
        return ProxyRuntime(
            plainRouters: plain,
            tlsRouters: tls,
            configuration: self.configuration,
            routerStatus: routerStatus,
            serviceStatus: self.statuses(of: self.services, kind: .service),
            middlewareStatus: self.statuses(of: self.middlewares, kind: .middleware),
            servers: self.servers,
            tcpRouters: tcpRouters,
            udpServices: udpServices,
            networkStatus: networkStatus
        )
    }

    private func statuses<T>(of built: [String: Result<T, BuildFailure>], kind: ConfigurationObjectKind) -> [String: RuntimeObjectStatus] {
        var result: [String: RuntimeObjectStatus] = [:]
        for (name, outcome) in built {
            var status = RuntimeObjectStatus(usedBy: self.usedBy["\(kind.rawValue)/\(name)"].map { $0.sorted() } ?? [])
            if case .failure(let failure) = outcome { status.errors = [failure.message] }
            result[name] = status
        }
        for problem in self.configuration.problems where problem.kind == kind {
            result[problem.name] = RuntimeObjectStatus(errors: [problem.error.description])
        }
        return result
    }

    private mutating func router(
        _ name: String, _ router: HTTPRouterConfiguration, order: Int, problems: [String: [ConfigurationProblem]]
    ) -> Result<(router: CompiledRouter, entryPoints: [String], tls: Bool), BuildFailure> {
        let rule: RuleExpression
        do {
            rule = try RuleExpression.parse(router.rule)
        } catch {
            return .failure(BuildFailure(message: "\(error) in '\(router.rule)'"))
        }
        let known = self.entryPoints.map(\.name)
        let entryPoints = router.entryPoints.isEmpty ? known : router.entryPoints
        if let unknown = entryPoints.first(where: { !known.contains($0) }) {
            return .failure(BuildFailure(message: "entry point '\(unknown)' does not exist; defined: \(known.joined(separator: ", "))"))
        }
        if let options = router.tls?.optionsName, options != "default", self.configuration.tls.options[options] == nil {
            if let problem = problems["tlsOptions/\(options)"]?.first {
                return .failure(BuildFailure(message: "TLS options '\(options)' are invalid: \(problem.error)"))
            }
            return .failure(BuildFailure(message: "TLS options '\(options)' do not exist; define tls.options.\(options) or remove tls.options"))
        }
        // Defaults of the entry points come first; a router on several entry points takes the first's.
        let defaults = entryPoints.first.flatMap { name in self.entryPoints.first { $0.name == name } }
        let names = (defaults?.defaultMiddlewares ?? []).map(DynamicConfigurationParser().qualify) + router.middlewares
        var chain: [any RequestMiddleware] = []
        for middlewareName in names {
            self.usedBy["middleware/\(middlewareName)", default: []].insert(name)
            switch self.middleware(middlewareName, problems: problems, visiting: [], fresh: true) {
            case .success(let middleware): chain.append(middleware)
            case .failure(let failure): return .failure(BuildFailure(message: failure.message))
            }
        }
        self.usedBy["service/\(router.service)", default: []].insert(name)
        let service: any ServiceHandler
        switch self.service(router.service, problems: problems, visiting: []) {
        case .success(let built): service = built
        case .failure(let failure): return .failure(BuildFailure(message: failure.message))
        }
        let compiled = CompiledRouter(name: name, rule: rule, ruleText: router.rule, priority: router.effectivePriority, order: order,
                                      middleware: MiddlewareChain(chain, spanLabels: self.spanLabels(names)), service: service,
                                      serviceName: router.service, observability: router.observability)
        return .success((compiled, entryPoints, router.tls != nil || (defaults?.defaultTLS ?? false)))
    }

    private mutating func middleware(
        _ name: String, problems: [String: [ConfigurationProblem]], visiting: Set<String>, fresh: Bool = false
    ) -> Result<any RequestMiddleware, BuildFailure> {
        if let built = self.middlewares[name], !fresh || (try? built.get()) == nil { return built }
        guard let configuration = self.configuration.middlewares[name] else {
            if let problem = problems["middleware/\(name)"]?.first {
                return .failure(BuildFailure(message: "middleware \(name) is disabled: \(problem.error)"))
            }
            return .failure(BuildFailure(message: "middleware \(name) does not exist"))
        }
        guard !visiting.contains(name) else {
            return .failure(BuildFailure(message: "middleware chain loops through \(name)"))
        }
        let result: Result<any RequestMiddleware, BuildFailure>
        do {
            result = .success(try self.makeMiddleware(configuration, name: name, problems: problems, visiting: visiting.union([name]),
                                                      fresh: fresh))
        } catch let failure as BuildFailure {
            result = .failure(failure)
        } catch {
            result = .failure(BuildFailure(message: "middleware \(name): \(error)"))
        }
        if self.middlewares[name] == nil { self.middlewares[name] = result }
        return result
    }

    private mutating func makeMiddleware(
        _ configuration: MiddlewareConfiguration, name: String, problems: [String: [ConfigurationProblem]], visiting: Set<String>,
        fresh: Bool
    ) throws -> any RequestMiddleware {
        switch configuration {
        case .addPrefix(let prefix): return AddPrefixMiddleware(prefix: prefix)
        case .stripPrefix(let prefixes): return StripPrefixMiddleware(prefixes: prefixes)
        case .stripPrefixRegex(let settings): return StripPrefixRegexMiddleware(settings)
        case .replacePath(let settings): return ReplacePathMiddleware(settings)
        case .replacePathRegex(let settings): return ReplacePathRegexMiddleware(settings)
        case .headers(let settings): return HeadersMiddleware(settings)
        case .redirectRegex(let settings): return RedirectRegexMiddleware(settings)
        case .ipAllowList(let settings): return IPAllowListMiddleware(settings)
        case .rateLimit(let settings): return RateLimitMiddleware(settings)
        case .inFlightReq(let settings): return InFlightReqMiddleware(settings)
        case .retry(let settings): return RetryMiddleware(settings)
        case .circuitBreaker(let settings): return CircuitBreakerMiddleware(settings)
        case .forwardAuth(let settings): return ForwardAuthMiddleware(settings)
        case .compress(let settings): return CompressMiddleware(settings)
        case .digestAuth(let settings): return DigestAuthMiddleware(settings)
        case .passTLSClientCert(let settings): return PassTLSClientCertMiddleware(settings)
        case .buffering(let settings): return BufferingMiddleware(settings)
        case .contentType(let autoDetect): return autoDetect ? ContentTypeMiddleware() : MiddlewareChain([])
        case .jwt(let settings): return try JWTMiddleware(settings)
        case .apiKey(let settings): return try APIKeyMiddleware(settings)
        case .hmac(let settings): return HMACMiddleware(settings)
        case .oAuthIntrospection(let settings): return OAuthIntrospectionMiddleware(settings)
        case .oAuthClientCredentials(let settings): return OAuthClientCredentialsMiddleware(settings)
        case .ldap(let settings): return try LDAPMiddleware(settings)
        case .oidc(let settings): return OIDCMiddleware(settings, name: name)
        case .distributedRateLimit(let settings): return DistributedRateLimitMiddleware(settings, name: name, demand: self.demand)
        case .errors(let settings):
            switch self.service(settings.service, problems: problems, visiting: []) {
            case .success(let service): return ErrorsMiddleware(settings, service: service)
            case .failure(let failure): throw BuildFailure(message: "middleware \(name): error pages: \(failure.message)")
            }
        case .redirectScheme(let scheme, let port, let permanent):
            return RedirectSchemeMiddleware(scheme: scheme, port: port, permanent: permanent)
        case .basicAuth(let users, let realm, let headerField, let removeHeader):
            return try BasicAuthMiddleware(users: users, realm: realm, headerField: headerField, removeHeader: removeHeader)
        case .chain(let names):
            var members: [any RequestMiddleware] = []
            for member in names {
                switch self.middleware(member, problems: problems, visiting: visiting, fresh: fresh) {
                case .success(let middleware): members.append(middleware)
                case .failure(let failure): throw BuildFailure(message: "middleware \(name): \(failure.message)")
                }
            }
            return MiddlewareChain(members, spanLabels: self.spanLabels(names))
        }
    }

    /// The span labels of middlewares that were built (so each name has a configuration).
    private func spanLabels(_ names: [String]) -> [MiddlewareSpanLabel] {
        names.compactMap { name in self.configuration.middlewares[name].map { MiddlewareSpanLabel(name: name, configuration: $0) } }
    }

    private mutating func service(
        _ name: String, problems: [String: [ConfigurationProblem]], visiting: Set<String>
    ) -> Result<any ServiceHandler, BuildFailure> {
        if let built = self.services[name] { return built }
        if InternalService.names.contains(name) { return .success(InternalService(name: name)) }
        guard let configuration = self.configuration.services[name] else {
            if let problem = problems["service/\(name)"]?.first {
                return .failure(BuildFailure(message: "service \(name) is disabled: \(problem.error)"))
            }
            return .failure(BuildFailure(message: "service \(name) does not exist"))
        }
        guard !visiting.contains(name) else { return .failure(BuildFailure(message: "service \(name) refers to itself")) }
        let result: Result<any ServiceHandler, BuildFailure>
        do {
            result = .success(try self.makeService(configuration, name: name, problems: problems, visiting: visiting.union([name])))
        } catch {
            result = .failure(error)
        }
        self.services[name] = result
        return result
    }

    private mutating func makeService(
        _ configuration: HTTPServiceConfiguration, name: String, problems: [String: [ConfigurationProblem]], visiting: Set<String>
    ) throws(BuildFailure) -> any ServiceHandler {
        switch configuration {
        case .loadBalancer(let balancer):
            var transport = UpstreamTransport()
            if let transportName = balancer.serversTransport {
                guard let settings = self.configuration.serversTransports[transportName] else {
                    throw BuildFailure(message: "serversTransport \(transportName) does not exist")
                }
                transport = UpstreamTransport(settings)
            }
            let servers = balancer.servers.compactMap { server in
                UpstreamURL(parsing: server.url).map {
                    UpstreamServer(url: $0, weight: server.weight, transport: transport, serviceName: name,
                                   healthCheck: balancer.healthCheck, passiveHealthCheck: balancer.passiveHealthCheck,
                                   flushInterval: balancer.flushInterval ?? ResponseFlushPolicy.defaultInterval)
                }
            }
            self.servers += servers
            return LoadBalancerService(servers: servers, passHostHeader: balancer.passHostHeader,
                                       sticky: balancer.stickyCookie.map { StickyCookie($0, serviceName: name) },
                                       strategy: balancer.strategy)
        case .weighted(let weighted, let sticky):
            var children: [(name: String, handler: any ServiceHandler, weight: Int)] = []
            for entry in weighted {
                children.append((entry.name, try self.child(entry.name, of: name, problems: problems, visiting: visiting), entry.weight))
            }
            return WeightedService(children: children, sticky: sticky.map { StickyCookie($0, serviceName: name) })
        case .mirroring(let main, let mirrors, let mirrorBody, let maxBodySize):
            let handler = try self.child(main, of: name, problems: problems, visiting: visiting)
            var built: [(handler: any ServiceHandler, percent: Int)] = []
            for mirror in mirrors {
                built.append((try self.child(mirror.name, of: name, problems: problems, visiting: visiting), mirror.percent))
            }
            return MirroringService(main: handler, mirrors: built, withBody: mirrorBody, maxBodySize: maxBodySize)
        case .failover(let main, let fallback):
            return FailoverService(main: try self.child(main, of: name, problems: problems, visiting: visiting),
                                   fallback: try self.child(fallback, of: name, problems: problems, visiting: visiting))
        }
    }

    private mutating func child(
        _ child: String, of parent: String, problems: [String: [ConfigurationProblem]], visiting: Set<String>
    ) throws(BuildFailure) -> any ServiceHandler {
        switch self.service(child, problems: problems, visiting: visiting) {
        case .success(let handler): return handler
        case .failure(let failure): throw BuildFailure(message: "service \(parent): \(failure.message)")
        }
    }
}
