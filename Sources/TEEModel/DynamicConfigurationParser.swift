/// Reads a dynamic configuration document (Traefik's file-provider format).
///
/// A document that does not parse is rejected whole. Inside it, each router, service and
/// middleware is read on its own: one with a problem is left out and reported, the rest load.
public struct DynamicConfigurationParser: Sendable {
    /// The provider suffix given to every name (`file` makes `api@file`).
    public let provider: String

    public init(provider: String = "file") {
        self.provider = provider
    }

    /// Parses YAML or TOML text (by the file's extension).
    public func parse(_ text: String, file: String) throws(ConfigurationError) -> DynamicConfiguration {
        try self.parse(ConfigNode.parse(text, file: file))
    }

    /// Reads a parsed document.
    public func parse(_ root: ConfigNode) throws(ConfigurationError) -> DynamicConfiguration {
        var configuration = DynamicConfiguration()
        var problems: [ConfigurationProblem] = []
        if let unknown = try root.unknownKeys(known: ["http", "tcp", "udp", "tls"]).first { throw unknown }
        if let http = try root.child("http") {
            if let unknown = try http.unknownKeys(known: ["routers", "services", "middlewares", "serversTransports"]).first {
                throw unknown
            }
            configuration.routers = try self.objects(http.child("routers"), kind: .router, problems: &problems) { node throws(ConfigurationError) in
                try self.router(node)
            }
            configuration.services = try self.objects(http.child("services"), kind: .service, problems: &problems) { node throws(ConfigurationError) in
                try self.service(node)
            }
            configuration.middlewares = try self.objects(http.child("middlewares"), kind: .middleware, problems: &problems) { node throws(ConfigurationError) in
                try self.middleware(node)
            }
            for (name, node) in try http.child("middlewares")?.entries() ?? [] where configuration.middlewares[self.qualify(name)] != nil {
                configuration.middlewareSettings[self.qualify(name)] = node.value.redactingSecrets().jsonText
            }
            configuration.serversTransports = try self.objects(http.child("serversTransports"), kind: .serversTransport, problems: &problems) { node throws(ConfigurationError) in
                try self.serversTransport(node)
            }
        }
        try self.readNetworkSections(root, into: &configuration, problems: &problems)
        if let tls = try root.child("tls") {
            configuration.tls = try self.tls(tls, problems: &problems)
        }
        configuration.problems = problems
        // Unknown keys are reported by the objects that hold them (each disabled alone); the
        // schema adds a warning for each key tee accepts without acting on it.
        var unknown: [ConfigurationError] = []
        TraefikDynamicKeys.schema.validate(root, errors: &unknown, warnings: &configuration.warnings)
        return configuration
    }

    /// Qualifies a reference with this provider unless it names one (`api` → `api@file`).
    public func qualify(_ name: String) -> String {
        name.contains("@") ? name : "\(name)@\(self.provider)"
    }

    func objects<T>(
        _ node: ConfigNode?,
        kind: ConfigurationObjectKind,
        problems: inout [ConfigurationProblem],
        read: (ConfigNode) throws(ConfigurationError) -> T
    ) throws(ConfigurationError) -> [String: T] {
        guard let node else { return [:] }
        var result: [String: T] = [:]
        for (name, value) in try node.entries() {
            let qualified = self.qualify(name)
            do {
                result[qualified] = try read(value)
            } catch {
                problems.append(ConfigurationProblem(kind: kind, name: qualified, error: error))
            }
        }
        return result
    }

    private func router(_ node: ConfigNode) throws(ConfigurationError) -> HTTPRouterConfiguration {
        try node.requireKnownKeys(["rule", "entryPoints", "middlewares", "service", "priority", "tls", "ruleSyntax", "observability"])
        guard let rule = try node.child("rule") else { throw node.error("missing rule; add one such as rule: \"Host(`example.com`)\"") }
        guard let service = try node.child("service") else { throw node.error("missing service; name one of http.services") }
        var router = HTTPRouterConfiguration(rule: try rule.string(), service: self.qualify(try service.string()))
        router.entryPoints = try node.child("entryPoints")?.stringList() ?? []
        router.middlewares = try (node.child("middlewares")?.stringList() ?? []).map(self.qualify)
        router.priority = try node.child("priority")?.int()
        if let tls = try node.child("tls") {
            try tls.requireKnownKeys(["options", "certResolver", "domains"])
            router.tls = try self.routerTLS(tls)
        }
        router.observability = try node.child("observability").map(RouterObservability.parse)
        return router
    }

    /// A router's `tls`: options, certResolver and `domains[]` (main and sans); shared by HTTP and TCP routers.
    func routerTLS(_ tls: ConfigNode) throws(ConfigurationError) -> RouterTLSConfiguration {
        var settings = RouterTLSConfiguration(options: try tls.child("options")?.string(),
                                              certResolver: try tls.child("certResolver")?.string())
        for domain in try tls.child("domains")?.items() ?? [] {
            try domain.requireKnownKeys(["main", "sans"])
            let sans = try domain.child("sans")?.stringList() ?? []
            guard let main = try domain.child("main")?.string() ?? sans.first, !main.isEmpty else {
                throw domain.error("a domain needs main (and optionally sans), such as main: example.com")
            }
            settings.certificateDomains.append(CertificateDomain(main: main, sans: sans))
        }
        return settings
    }

    private func service(_ node: ConfigNode) throws(ConfigurationError) -> HTTPServiceConfiguration {
        let kinds = try node.entries()
        guard kinds.count == 1, let (kind, body) = kinds.first else {
            throw node.error("a service needs exactly one of loadBalancer, weighted, mirroring, failover")
        }
        switch kind.lowercased() {
        case "loadbalancer":
            return .loadBalancer(try self.loadBalancer(body))
        case "weighted":
            try body.requireKnownKeys(["services", "sticky", "healthCheck"])
            let services = try (body.child("services")?.items() ?? []).map { (item) throws(ConfigurationError) in
                try item.requireKnownKeys(["name", "weight"])
                guard let name = try item.child("name") else { throw item.error("missing name") }
                let weight = try item.child("weight")?.int() ?? 1
                guard weight >= 0 else { throw item.error("weight must be zero or more") }
                return HTTPServiceConfiguration.WeightedService(name: self.qualify(try name.string()), weight: weight)
            }
            guard !services.isEmpty else { throw body.error("weighted needs at least one entry under services") }
            return .weighted(services: services, sticky: try body.child("sticky")?.child("cookie").map(self.stickyCookie))
        case "mirroring":
            try body.requireKnownKeys(["service", "mirrors", "mirrorBody", "maxBodySize", "healthCheck"])
            guard let main = try body.child("service") else { throw body.error("missing service") }
            let mirrors = try (body.child("mirrors")?.items() ?? []).map { (item) throws(ConfigurationError) in
                guard let name = try item.child("name") else { throw item.error("missing name") }
                let percent = try item.child("percent")?.int() ?? 0
                guard (0...100).contains(percent) else { throw item.error("percent must be between 0 and 100") }
                return HTTPServiceConfiguration.Mirror(name: self.qualify(try name.string()), percent: percent)
            }
            return .mirroring(service: self.qualify(try main.string()), mirrors: mirrors,
                              mirrorBody: try body.child("mirrorBody")?.bool() ?? true,
                              maxBodySize: try body.child("maxBodySize")?.int())
        case "failover":
            try body.requireKnownKeys(["service", "fallback", "healthCheck"])
            guard let main = try body.child("service"), let fallback = try body.child("fallback") else {
                throw body.error("failover needs service and fallback")
            }
            return .failover(service: self.qualify(try main.string()), fallback: self.qualify(try fallback.string()))
        default:
            throw body.error("unknown service type; use loadBalancer, weighted, mirroring or failover")
        }
    }

    private func loadBalancer(_ node: ConfigNode) throws(ConfigurationError) -> LoadBalancerConfiguration {
        try node.requireKnownKeys(["servers", "passHostHeader", "sticky", "healthCheck", "serversTransport",
                                   "responseForwarding", "strategy", "passiveHealthCheck"])
        let servers = try (node.child("servers")?.items() ?? []).map { (item) throws(ConfigurationError) in
            try item.requireKnownKeys(["url", "weight", "preservePath"])
            guard let urlNode = try item.child("url") else { throw item.error("missing url") }
            let url = try urlNode.string()
            guard UpstreamURL(parsing: url) != nil else {
                throw urlNode.error("'\(url)' is not a server URL; use http://HOST:PORT, https://HOST:PORT or h2c://HOST:PORT")
            }
            let weight = try item.child("weight")?.int() ?? 1
            guard weight >= 0 else { throw item.error("weight must be zero or more") }
            return LoadBalancerConfiguration.Server(url: url, weight: weight)
        }
        guard !servers.isEmpty else { throw node.error("loadBalancer needs at least one server under servers") }
        var balancer = LoadBalancerConfiguration(servers: servers)
        balancer.passHostHeader = try node.child("passHostHeader")?.bool() ?? true
        if let strategy = try node.child("strategy") {
            balancer.strategy = try strategy.string().lowercased()
            guard ["wrr", "p2c"].contains(balancer.strategy) else { throw strategy.error("unknown strategy '\(balancer.strategy)'; use wrr or p2c") }
        }
        balancer.stickyCookie = try node.child("sticky")?.child("cookie").map(self.stickyCookie)
        if let transport = try node.child("serversTransport") { balancer.serversTransport = self.qualify(try transport.string()) }
        balancer.flushInterval = try node.child("responseForwarding")?.child("flushInterval")?.duration()
        if let health = try node.child("healthCheck") {
            try health.requireKnownKeys(["path", "scheme", "port", "interval", "timeout", "status", "hostname",
                                         "headers", "followRedirects", "method", "mode", "unhealthyInterval"])
            if let mode = try health.child("mode"), try mode.string().lowercased() != "http" {
                throw mode.error("only mode: http is supported (gRPC health checks are not)")
            }
            var check = HealthCheckConfiguration(path: try health.child("path")?.string() ?? "/")
            guard check.path.hasPrefix("/") else { throw health.error("path must start with /") }
            check.scheme = try health.child("scheme")?.string()
            if let scheme = check.scheme, !["http", "https"].contains(scheme), let node = try health.child("scheme") {
                throw node.error("unknown scheme '\(scheme)'; use http or https")
            }
            check.port = try health.child("port")?.int(atLeast: 1)
            check.interval = try health.child("interval")?.duration() ?? check.interval
            check.unhealthyInterval = try health.child("unhealthyInterval")?.duration()
            check.timeout = try health.child("timeout")?.duration() ?? check.timeout
            for (key, value) in [("interval", check.interval), ("timeout", check.timeout)] where value <= .zero {
                throw (try health.child(key) ?? health).error("\(key) must be longer than zero")
            }
            check.status = try health.child("status")?.statusCode()
            check.hostname = try health.child("hostname")?.string()
            check.followRedirects = try health.child("followRedirects")?.bool() ?? true
            for (name, value) in try health.child("headers")?.entries() ?? [] { check.headers[name] = try value.string() }
            balancer.healthCheck = check
        }
        if let passive = try node.child("passiveHealthCheck") {
            try passive.requireKnownKeys(["failureWindow", "maxFailedAttempts"])
            var settings = PassiveHealthCheckConfiguration()
            settings.failureWindow = try passive.child("failureWindow")?.duration() ?? settings.failureWindow
            settings.maxFailedAttempts = try passive.child("maxFailedAttempts")?.int(atLeast: 1) ?? settings.maxFailedAttempts
            balancer.passiveHealthCheck = settings
        }
        return balancer
    }

    private func stickyCookie(_ node: ConfigNode) throws(ConfigurationError) -> StickyCookieConfiguration {
        try node.requireKnownKeys(["name", "secure", "httpOnly", "sameSite", "maxAge", "path", "domain"])
        return StickyCookieConfiguration(
            name: try node.child("name")?.string(),
            secure: try node.child("secure")?.bool() ?? false,
            httpOnly: try node.child("httpOnly")?.bool() ?? false,
            sameSite: try node.child("sameSite")?.string(),
            maxAge: try node.child("maxAge")?.int(),
            path: try node.child("path")?.string()
        )
    }

    private func middleware(_ node: ConfigNode) throws(ConfigurationError) -> MiddlewareConfiguration {
        let kinds = try node.entries()
        guard kinds.count == 1, let (kind, body) = kinds.first else {
            throw node.error("a middleware needs exactly one type, such as stripPrefix or headers")
        }
        switch kind.lowercased() {
        case "addprefix":
            try body.requireKnownKeys(["prefix"])
            guard let prefix = try body.child("prefix") else { throw body.error("missing prefix") }
            let text = try prefix.string()
            guard !text.isEmpty else { throw prefix.error("the prefix cannot be empty; set one such as /api") }
            return .addPrefix(prefix: text)
        case "stripprefix":
            try body.requireKnownKeys(["prefixes", "forceSlash"])
            // As in Traefik, an empty list is allowed and strips nothing.
            return .stripPrefix(prefixes: try body.child("prefixes")?.stringList() ?? [])
        case "headers":
            return .headers(try HeadersConfiguration.parse(body))
        case "stripprefixregex":
            return .stripPrefixRegex(try StripPrefixRegexConfiguration.parse(body))
        case "replacepath":
            return .replacePath(try ReplacePathConfiguration.parse(body))
        case "replacepathregex":
            return .replacePathRegex(try ReplacePathRegexConfiguration.parse(body))
        case "redirectregex":
            return .redirectRegex(try RedirectRegexConfiguration.parse(body))
        case "ipallowlist":
            return .ipAllowList(try IPAllowListConfiguration.parse(body))
        case "ipwhitelist":
            throw body.error("ipWhiteList was renamed ipAllowList in Traefik v3; rename the key")
        case "ratelimit":
            return .rateLimit(try RateLimitConfiguration.parse(body))
        case "inflightreq":
            return .inFlightReq(try InFlightReqConfiguration.parse(body))
        case "retry":
            return .retry(try RetryConfiguration.parse(body))
        case "circuitbreaker":
            return .circuitBreaker(try CircuitBreakerConfiguration.parse(body))
        case "forwardauth":
            return .forwardAuth(try ForwardAuthConfiguration.parse(body))
        case "compress":
            return .compress(try CompressConfiguration.parse(body))
        case "digestauth":
            return .digestAuth(try DigestAuthConfiguration.parse(body))
        case "contenttype":
            try body.requireKnownKeys(["autoDetect"])
            return .contentType(autoDetect: try body.child("autoDetect")?.bool() ?? true)
        case "buffering":
            return .buffering(try BufferingConfiguration.parse(body))
        case "passtlsclientcert":
            return .passTLSClientCert(try PassTLSClientCertConfiguration.parse(body))
        case "errors":
            return .errors(try ErrorsConfiguration.parse(body, qualify: self.qualify))
        case "redirectscheme":
            try body.requireKnownKeys(["scheme", "port", "permanent"])
            guard let scheme = try body.child("scheme") else { throw body.error("missing scheme") }
            return .redirectScheme(scheme: try scheme.string(), port: try body.child("port")?.string(),
                                   permanent: try body.child("permanent")?.bool() ?? false)
        case "basicauth":
            try body.requireKnownKeys(["users", "usersFile", "realm", "headerField", "removeHeader"])
            var users = try body.child("users")?.stringList() ?? []
            if let file = try body.child("usersFile") {
                users += try LinesFile.read(try file.string(), node: file, what: "users file")
            }
            guard !users.isEmpty else { throw body.error("basicAuth needs users or usersFile") }
            for user in users where !user.contains(":") {
                throw body.error("'\(user)' is not user:hash; make entries with htpasswd -nb USER PASSWORD")
            }
            return .basicAuth(users: users, realm: try body.child("realm")?.string() ?? "traefik",
                              headerField: try body.child("headerField")?.string(),
                              removeHeader: try body.child("removeHeader")?.bool() ?? false)
        case "plugin":
            return try self.plugin(body)
        case "chain":
            try body.requireKnownKeys(["middlewares"])
            return .chain(middlewares: (try body.child("middlewares")?.stringList() ?? []).map(self.qualify))
        default:
            throw body.error("middleware type '\(kind)' is not supported yet; supported: \(MiddlewareConfiguration.supportedTypes.joined(separator: ", "))")
        }
    }

    /// `plugin.<type>`: Traefik Hub's middlewares that tee has built in.
    private func plugin(_ node: ConfigNode) throws(ConfigurationError) -> MiddlewareConfiguration {
        let kinds = try node.entries()
        guard kinds.count == 1, let (kind, body) = kinds.first else {
            throw node.error("plugin needs exactly one type: \(MiddlewareConfiguration.pluginTypes.joined(separator: ", "))")
        }
        switch kind.lowercased() {
        case "jwt": return .jwt(try JWTConfiguration.parse(body))
        case "apikey": return .apiKey(try APIKeyConfiguration.parse(body))
        case "hmac": return .hmac(try HMACConfiguration.parse(body))
        case "oauthintrospection": return .oAuthIntrospection(try OAuthIntrospectionConfiguration.parse(body))
        case "oauthclientcredentials": return .oAuthClientCredentials(try OAuthClientCredentialsConfiguration.parse(body))
        case "ldap": return .ldap(try LDAPConfiguration.parse(body))
        case "oidc": return .oidc(try OIDCConfiguration.parse(body))
        case "distributedratelimit": return .distributedRateLimit(try DistributedRateLimitConfiguration.parse(body))
        default:
            throw body.error("plugin '\(kind)' is not built into tee (plugins are not loaded); built in: \(MiddlewareConfiguration.pluginTypes.joined(separator: ", "))")
        }
    }

    private func serversTransport(_ node: ConfigNode) throws(ConfigurationError) -> ServersTransportConfiguration {
        try node.requireKnownKeys(["serverName", "insecureSkipVerify", "rootCAs", "certificates", "maxIdleConnsPerHost",
                                   "forwardingTimeouts", "disableHTTP2", "peerCertURI", "spiffe"])
        var transport = ServersTransportConfiguration()
        transport.serverName = try node.child("serverName")?.string()
        transport.insecureSkipVerify = try node.child("insecureSkipVerify")?.bool() ?? false
        transport.rootCAs = try node.child("rootCAs")?.stringList() ?? []
        transport.certificates = try (node.child("certificates")?.items() ?? []).map(self.certificateFiles)
        transport.maxIdleConnsPerHost = try node.child("maxIdleConnsPerHost")?.int() ?? transport.maxIdleConnsPerHost
        transport.disableHTTP2 = try node.child("disableHTTP2")?.bool() ?? false
        if let timeouts = try node.child("forwardingTimeouts") {
            try timeouts.requireKnownKeys(["dialTimeout", "responseHeaderTimeout", "idleConnTimeout", "readIdleTimeout", "pingTimeout"])
            transport.dialTimeout = try timeouts.child("dialTimeout")?.duration() ?? transport.dialTimeout
            transport.responseHeaderTimeout = try timeouts.child("responseHeaderTimeout")?.duration() ?? transport.responseHeaderTimeout
            transport.idleConnTimeout = try timeouts.child("idleConnTimeout")?.duration() ?? transport.idleConnTimeout
        }
        return transport
    }

    private func certificateFiles(_ node: ConfigNode) throws(ConfigurationError) -> CertificateFiles {
        try node.requireKnownKeys(["certFile", "keyFile", "stores"])
        guard let cert = try node.child("certFile"), let key = try node.child("keyFile") else {
            throw node.error("a certificate needs certFile and keyFile")
        }
        return CertificateFiles(certFile: try cert.string(), keyFile: try key.string())
    }

    private func tls(_ node: ConfigNode, problems: inout [ConfigurationProblem]) throws(ConfigurationError) -> TLSConfiguration {
        try node.requireKnownKeys(["certificates", "options", "stores"])
        var tls = TLSConfiguration()
        tls.certificates = try (node.child("certificates")?.items() ?? []).map(self.certificateFiles)
        for (name, options) in try node.child("options")?.entries() ?? [] {
            do {
                tls.options[name] = try self.tlsOptions(options)
            } catch {
                problems.append(ConfigurationProblem(kind: .tlsOptions, name: name, error: error))
            }
        }
        if let certificate = try node.child("stores")?.child("default")?.child("defaultCertificate") {
            tls.defaultCertificate = try self.certificateFiles(certificate)
        }
        return tls
    }

    private func tlsOptions(_ node: ConfigNode) throws(ConfigurationError) -> TLSOptionsConfiguration {
        try node.requireKnownKeys(["minVersion", "maxVersion", "cipherSuites", "curvePreferences", "clientAuth",
                                   "sniStrict", "alpnProtocols", "preferServerCipherSuites", "disableSessionTickets"])
        var options = TLSOptionsConfiguration()
        let versions = ["VersionTLS10", "VersionTLS11", "VersionTLS12", "VersionTLS13"]
        for (key, path) in [("minVersion", \TLSOptionsConfiguration.minVersion), ("maxVersion", \.maxVersion)] {
            guard let version = try node.child(key) else { continue }
            let text = try version.string()
            guard versions.contains(text) else { throw version.error("unknown TLS version '\(text)'; use one of \(versions.joined(separator: ", "))") }
            options[keyPath: path] = text
        }
        if let suites = try node.child("cipherSuites") {
            options.cipherSuites = try suites.stringList()
            if let unknown = options.cipherSuites.first(where: { !TLSCipherSuite.isKnown($0) }) {
                throw suites.error("unknown or unsupported cipher suite '\(unknown)'; use Go's names such as "
                    + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (3DES and RC4 suites are not offered)")
            }
        }
        if let auth = try node.child("clientAuth") {
            try auth.requireKnownKeys(["caFiles", "clientAuthType"])
            options.clientCAFiles = try auth.child("caFiles")?.stringList() ?? []
            if let type = try auth.child("clientAuthType") {
                let known = ["NoClientCert", "RequestClientCert", "RequireAnyClientCert", "VerifyClientCertIfGiven", "RequireAndVerifyClientCert"]
                let text = try type.string()
                guard known.contains(text) else { throw type.error("unknown clientAuthType '\(text)'; use one of \(known.joined(separator: ", "))") }
                options.clientAuthType = text
            }
        }
        options.sniStrict = try node.child("sniStrict")?.bool() ?? false
        if let alpn = try node.child("alpnProtocols") { options.alpnProtocols = try alpn.stringList() }
        return options
    }
}
