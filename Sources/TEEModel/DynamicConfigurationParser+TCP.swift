extension DynamicConfigurationParser {
    /// Reads `tcp` and `udp` into `configuration`.
    func readNetworkSections(_ root: ConfigNode, into configuration: inout DynamicConfiguration,
                             problems: inout [ConfigurationProblem]) throws(ConfigurationError) {
        if let tcp = try root.child("tcp") {
            if let unknown = try tcp.unknownKeys(known: ["routers", "services", "middlewares", "serversTransports"]).first { throw unknown }
            configuration.tcpRouters = try self.objects(tcp.child("routers"), kind: .tcpRouter, problems: &problems) { node throws(ConfigurationError) in
                try self.tcpRouter(node)
            }
            configuration.tcpServices = try self.objects(tcp.child("services"), kind: .tcpService, problems: &problems) { node throws(ConfigurationError) in
                try self.networkService(node, allowsProxyProtocol: true)
            }
            configuration.tcpMiddlewares = try self.objects(tcp.child("middlewares"), kind: .tcpMiddleware, problems: &problems) { node throws(ConfigurationError) in
                try self.tcpMiddleware(node)
            }
        }
        if let udp = try root.child("udp") {
            if let unknown = try udp.unknownKeys(known: ["routers", "services"]).first { throw unknown }
            configuration.udpRouters = try self.objects(udp.child("routers"), kind: .udpRouter, problems: &problems) { node throws(ConfigurationError) in
                try node.requireKnownKeys(["entryPoints", "service"])
                guard let service = try node.child("service") else { throw node.error("missing service; name one of udp.services") }
                return UDPRouterConfiguration(entryPoints: try node.child("entryPoints")?.stringList() ?? [],
                                              service: self.qualify(try service.string()))
            }
            configuration.udpServices = try self.objects(udp.child("services"), kind: .udpService, problems: &problems) { node throws(ConfigurationError) in
                try self.networkService(node, allowsProxyProtocol: false)
            }
        }
    }

    private func tcpRouter(_ node: ConfigNode) throws(ConfigurationError) -> TCPRouterConfiguration {
        try node.requireKnownKeys(["rule", "entryPoints", "middlewares", "service", "priority", "tls", "ruleSyntax"])
        guard let rule = try node.child("rule") else { throw node.error("missing rule; add one such as rule: \"HostSNI(`example.com`)\"") }
        guard let service = try node.child("service") else { throw node.error("missing service; name one of tcp.services") }
        var router = TCPRouterConfiguration(rule: try rule.string(), service: self.qualify(try service.string()))
        do {
            _ = try RuleExpression.parse(router.rule, language: .tcp)
        } catch {
            throw rule.error("\(error) in '\(router.rule)'")
        }
        router.entryPoints = try node.child("entryPoints")?.stringList() ?? []
        router.middlewares = try (node.child("middlewares")?.stringList() ?? []).map(self.qualify)
        router.priority = try node.child("priority")?.int()
        if let tls = try node.child("tls") {
            try tls.requireKnownKeys(["passthrough", "options", "certResolver", "domains"])
            let settings = try self.routerTLS(tls)
            router.tls = TCPRouterConfiguration.TLS(passthrough: try tls.child("passthrough")?.bool() ?? false,
                                                    options: settings.options, certResolver: settings.certResolver,
                                                    certificateDomains: settings.certificateDomains)
        }
        return router
    }

    private func networkService(_ node: ConfigNode, allowsProxyProtocol: Bool) throws(ConfigurationError) -> NetworkServiceConfiguration {
        let kinds = try node.entries()
        guard kinds.count == 1, let (kind, body) = kinds.first else { throw node.error("a service needs exactly one of loadBalancer, weighted") }
        switch kind.lowercased() {
        case "loadbalancer":
            try body.requireKnownKeys(allowsProxyProtocol ? ["servers", "proxyProtocol", "terminationDelay", "serversTransport"] : ["servers"])
            let servers = try (body.child("servers")?.items() ?? []).map { (item) throws(ConfigurationError) -> NetworkServiceConfiguration.Server in
                try item.requireKnownKeys(["address", "weight", "tls"])
                guard let addressNode = try item.child("address") else { throw item.error("missing address, such as 10.0.0.1:5432") }
                let text = try addressNode.string()
                guard let address = NetworkAddress(parsing: text) else { throw addressNode.error("'\(text)' is not HOST:PORT") }
                return NetworkServiceConfiguration.Server(address: address, weight: try item.child("weight")?.int(atLeast: 0) ?? 1)
            }
            guard !servers.isEmpty else { throw body.error("loadBalancer needs at least one server under servers") }
            var version: Int?
            if let proxyProtocol = try body.child("proxyProtocol") {
                try proxyProtocol.requireKnownKeys(["version"])
                version = try proxyProtocol.child("version")?.int() ?? 2
                guard version == 1 || version == 2 else { throw proxyProtocol.error("proxyProtocol.version is 1 or 2") }
            }
            return .loadBalancer(servers: servers, proxyProtocolVersion: version)
        case "weighted":
            try body.requireKnownKeys(["services"])
            let services = try (body.child("services")?.items() ?? []).map { (item) throws(ConfigurationError) in
                try item.requireKnownKeys(["name", "weight"])
                guard let name = try item.child("name") else { throw item.error("missing name") }
                return HTTPServiceConfiguration.WeightedService(name: self.qualify(try name.string()),
                                                                weight: try item.child("weight")?.int(atLeast: 0) ?? 1)
            }
            guard !services.isEmpty else { throw body.error("weighted needs at least one service") }
            return .weighted(services: services)
        default:
            throw body.error("unknown service type; use loadBalancer or weighted")
        }
    }

    private func tcpMiddleware(_ node: ConfigNode) throws(ConfigurationError) -> TCPMiddlewareConfiguration {
        let kinds = try node.entries()
        guard kinds.count == 1, let (kind, body) = kinds.first else { throw node.error("a middleware needs exactly one type: ipAllowList or inFlightConn") }
        switch kind.lowercased() {
        case "ipallowlist":
            try body.requireKnownKeys(["sourceRange"])
            guard let range = try body.child("sourceRange") else { throw body.error("missing sourceRange") }
            return .ipAllowList(sourceRange: try range.networks())
        case "inflightconn":
            try body.requireKnownKeys(["amount"])
            guard let amount = try body.child("amount") else { throw body.error("missing amount") }
            return .inFlightConn(amount: try amount.int(atLeast: 1))
        default:
            throw body.error("TCP middleware type '\(kind)' is not supported; use ipAllowList or inFlightConn")
        }
    }
}
