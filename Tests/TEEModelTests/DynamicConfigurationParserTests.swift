import TEEModel
import Testing

@Suite struct DynamicConfigurationParserTests {
    func parse(_ text: String, file: String = "dynamic.yaml") throws -> DynamicConfiguration {
        try DynamicConfigurationParser().parse(text, file: file)
    }

    @Test func readsRoutersServicesAndMiddlewares() throws {
        let configuration = try self.parse("""
            http:
              routers:
                api:
                  rule: "Host(`a.test`)"
                  entryPoints: [web]
                  middlewares: [strip, auth@other]
                  service: api
                  priority: 42
                  tls:
                    options: modern
              services:
                api:
                  loadBalancer:
                    passHostHeader: false
                    servers:
                      - url: "http://10.0.0.1:8080"
                        weight: 3
                      - url: "http://10.0.0.2:8080"
              middlewares:
                strip:
                  stripPrefix:
                    prefixes: ["/api"]
            """)
        let router = try #require(configuration.routers["api@file"])
        #expect(router.entryPoints == ["web"])
        #expect(router.middlewares == ["strip@file", "auth@other"])
        #expect(router.service == "api@file")
        #expect(router.effectivePriority == 42)
        #expect(router.tls?.options == "modern")
        guard case .loadBalancer(let balancer) = configuration.services["api@file"] else {
            Issue.record("no load balancer")
            return
        }
        #expect(balancer.servers.map(\.weight) == [3, 1])
        #expect(balancer.passHostHeader == false)
        #expect(configuration.middlewares["strip@file"] == .stripPrefix(prefixes: ["/api"]))
        #expect(configuration.problems.isEmpty)
    }

    @Test("a bad object is left out with its reason; the rest load", arguments: [
        ("http:\n  routers:\n    r:\n      service: s\n", "router", "r@file", "dynamic.yaml:3: http.routers.r: missing rule"),
        ("http:\n  routers:\n    r:\n      rule: x\n      servce: s\n", "router", "r@file", "dynamic.yaml:5: http.routers.r.servce: unknown key"),
        ("http:\n  services:\n    s:\n      loadBalancer:\n        servers:\n          - url: \"ftp://x\"\n", "service", "s@file",
         "dynamic.yaml:6: http.services.s.loadBalancer.servers[0].url: 'ftp://x' is not a server URL"),
        ("http:\n  services:\n    s:\n      loadBalancer: {}\n", "service", "s@file", "needs at least one server"),
        ("http:\n  middlewares:\n    m:\n      plugin:\n        demo: {}\n", "middleware", "m@file", "plugin 'demo' is not built into tee"),
        ("http:\n  services:\n    s:\n      loadBalancer:\n        servers: [{url: 'http://a'}]\n        healthCheck:\n          scheme: ftp\n",
         "service", "s@file", "dynamic.yaml:7: http.services.s.loadBalancer.healthCheck.scheme: unknown scheme 'ftp'"),
        ("http:\n  services:\n    s:\n      loadBalancer:\n        servers: [{url: 'http://a'}]\n        healthCheck:\n          interval: 0s\n",
         "service", "s@file", "dynamic.yaml:7: http.services.s.loadBalancer.healthCheck.interval: interval must be longer than zero"),
        ("http:\n  services:\n    s:\n      loadBalancer:\n        servers: [{url: 'http://a'}]\n        passiveHealthCheck:\n          maxFailedAttempts: 0\n",
         "service", "s@file", "passiveHealthCheck.maxFailedAttempts: must be at least 1"),
        ("http:\n  middlewares:\n    m:\n      headers:\n        customRequestHeaders:\n          X-A: \"a\\r\\nX-Injected: 1\"\n",
         "middleware", "m@file", "line break"),
        ("http:\n  middlewares:\n    m:\n      addPrefix:\n        prefix: \"\"\n", "middleware", "m@file", "cannot be empty"),
        ("tls:\n  options:\n    o:\n      cipherSuites: [TLS_RSA_WITH_3DES_EDE_CBC_SHA]\n", "tlsOptions", "o",
         "dynamic.yaml:4: tls.options.o.cipherSuites: unknown or unsupported cipher suite 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'"),
        ("tls:\n  options:\n    o:\n      clientAuth:\n        clientAuthType: Always\n", "tlsOptions", "o",
         "dynamic.yaml:5: tls.options.o.clientAuth.clientAuthType: unknown clientAuthType 'Always'"),
    ])
    func problems(text: String, kind: String, name: String, message: String) throws {
        let configuration = try self.parse(text)
        let problem = try #require(configuration.problems.first)
        #expect(problem.kind.rawValue == kind)
        #expect(problem.name == name)
        #expect(problem.description.contains(message), "\(problem)")
    }

    @Test func tomlHasLinesToo() throws {
        let configuration = try self.parse("""
            [http.routers.r]
            service = "s"

            [[http.services.s.loadBalancer.servers]]
            url = "http://10.0.0.1"
            """, file: "dynamic.toml")
        let problem = try #require(configuration.problems.first)
        #expect(problem.description.hasPrefix("dynamic.toml:1: http.routers.r: missing rule"), "\(problem)")
        #expect(configuration.services["s@file"] != nil)
    }

    @Test func aDocumentThatDoesNotParseIsRejectedWhole() {
        #expect(throws: ConfigurationError.self) { try self.parse("http:\n  routers: [\n") }
        #expect(throws: ConfigurationError.self) { try self.parse("[http\n", file: "x.toml") }
        #expect(throws: ConfigurationError.self) { try self.parse("htp:\n  routers: {}\n") }
    }
}
