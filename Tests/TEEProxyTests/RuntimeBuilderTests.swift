import NIOHTTP1
import TEEModel
import TEEProxy
import Testing

/// A request as the proxy would see it.
func request(_ host: String, _ uri: String = "/", method: HTTPMethod = .GET, headers: [(String, String)] = [],
             entryPoint: String = "web", tls: Bool = false) -> ProxyRequest {
    var all = HTTPHeaders([("Host", host)])
    all.add(contentsOf: headers)
    return ProxyRequest(head: HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: all),
                        entryPoint: entryPoint, clientAddress: IPAddress("10.0.0.1"), isTLS: tls)
}

@Suite struct RuntimeBuilderTests {
    static func runtime(_ yaml: String, entryPoints: [String] = ["web", "admin"]) throws -> ProxyRuntime {
        let configuration = try DynamicConfigurationParser().parse(yaml, file: "dynamic.yaml")
        return RuntimeBuilder.build(configuration, entryPoints: entryPoints.map { EntryPointRouting(name: $0) })
    }

    static let services = """
          services:
            s:
              loadBalancer:
                servers: [{url: "http://10.0.0.1:80"}]
        """

    @Test("priority: explicit wins, else the longer rule", arguments: [
        ("api.test", "/api/x", "long"),
        ("api.test", "/other", "host"),
        ("x.test", "/api/x", "prefix"),
        ("x.test", "/", "catchall"),
    ])
    func priorities(host: String, path: String, expected: String) throws {
        let runtime = try Self.runtime("""
            http:
              routers:
                catchall:
                  rule: "PathPrefix(`/`)"
                  priority: 1
                  service: s
                prefix:
                  rule: "PathPrefix(`/api`)"
                  service: s
                host:
                  rule: "Host(`api.test`)"
                  service: s
                long:
                  rule: "Host(`api.test`) && PathPrefix(`/api`)"
                  service: s
            \(Self.services)
            """)
        #expect(runtime.route(request(host, path))?.name == "\(expected)@file")
    }

    @Test func anExplicitPriorityBeatsALongerRule() throws {
        let runtime = try Self.runtime("""
            http:
              routers:
                long:
                  rule: "Host(`a.test`) && PathPrefix(`/very/long/prefix`)"
                  service: s
                short:
                  rule: "Host(`a.test`)"
                  priority: 1000
                  service: s
            \(Self.services)
            """)
        #expect(runtime.route(request("a.test", "/very/long/prefix"))?.name == "short@file")
    }

    @Test("disabled routers say why, and the rest serve", arguments: [
        ("rule: \"Host(`x`\"", "invalid rule"),
        ("rule: \"Host(`x`)\"\n      service: missing", "service missing@file does not exist"),
        ("rule: \"Host(`x`)\"\n      middlewares: [nope]", "middleware nope@file does not exist"),
        ("rule: \"Host(`x`)\"\n      entryPoints: [websecure]", "entry point 'websecure' does not exist"),
        ("rule: \"Host(`x`)\"\n      middlewares: [loop]", "loops through"),
        ("rule: \"Host(`x`)\"\n      middlewares: [badauth]", "hash of user 'u' is malformed"),
        ("rule: \"Host(`x`)\"\n      service: selfish", "refers to itself"),
        ("rule: \"Host(`x`)\"\n      tls: {options: nope}", "TLS options 'nope' do not exist"),
        ("rule: \"Host(`x`)\"\n      tls: {options: bad@file}", "TLS options 'bad' are invalid: dynamic.yaml:"),
    ])
    func disabledRouters(body: String, reason: String) throws {
        let hasService = body.contains("service:")
        let runtime = try Self.runtime("""
            http:
              routers:
                broken:
                  \(body)\(hasService ? "" : "\n      service: s")
                fine:
                  rule: "Host(`fine.test`)"
                  service: s
              middlewares:
                loop:
                  chain:
                    middlewares: [loop2]
                loop2:
                  chain:
                    middlewares: [loop]
                badauth:
                  basicAuth:
                    users: ["u:$2y$05$abcdefghijklmnopqrstuv"]
              services:
                s:
                  loadBalancer:
                    servers: [{url: "http://10.0.0.1:80"}]
                selfish:
                  weighted:
                    services: [{name: selfish, weight: 1}]
            tls:
              options:
                bad:
                  minVersion: TLS9
            """)
        let status = try #require(runtime.routerStatus["broken@file"])
        #expect(!status.isEnabled)
        #expect(status.errors.first?.contains(reason) == true, "\(status.errors)")
        #expect(runtime.routerStatus["fine@file"]?.isEnabled == true)
        #expect(runtime.route(request("fine.test"))?.name == "fine@file")
        #expect(runtime.route(request("x"))?.name == nil)
    }

    @Test func routersWithoutEntryPointsServeEveryEntryPoint() throws {
        let runtime = try Self.runtime("""
            http:
              routers:
                everywhere:
                  rule: "Host(`a.test`)"
                  service: s
                adminOnly:
                  rule: "Host(`b.test`)"
                  entryPoints: [admin]
                  service: s
            \(Self.services)
            """)
        #expect(runtime.route(request("a.test", entryPoint: "admin"))?.name == "everywhere@file")
        #expect(runtime.route(request("b.test", entryPoint: "web")) == nil)
        #expect(runtime.route(request("b.test", entryPoint: "admin"))?.name == "adminOnly@file")
        // Routers without tls serve only plain requests.
        #expect(runtime.route(request("a.test", tls: true)) == nil)
    }

    @Test func thousandsOfHostRoutersAreIndexed() throws {
        var yaml = "http:\n  routers:\n"
        for index in 0..<3000 {
            yaml += "    r\(index):\n      rule: \"Host(`svc\(index).test`) && PathPrefix(`/`)\"\n      service: s\n"
        }
        yaml += "    wild:\n      rule: \"Host(`*.wild.test`)\"\n      service: s\n"
        yaml += "    fallback:\n      rule: \"PathPrefix(`/`)\"\n      priority: 1\n      service: s\n"
        let runtime = try Self.runtime(yaml + Self.services)
        #expect(runtime.route(request("svc2999.test"))?.name == "r2999@file")
        #expect(runtime.route(request("SVC17.test:8080"))?.name == "r17@file")
        #expect(runtime.route(request("a.wild.test"))?.name == "wild@file")
        #expect(runtime.route(request("a.b.wild.test"))?.name == "fallback@file")
        #expect(runtime.route(request("other.test"))?.name == "fallback@file")
    }
}

extension RuntimeBuilderTests {
    @Test("mirrors get exactly their percentage of requests, counted like Traefik", arguments: [(25, 2), (50, 4), (100, 8), (0, 0)])
    func mirrorShares(percent: Int, expected: Int) throws {
        let runtime = try Self.runtime("""
            http:
              routers:
                r:
                  rule: "PathPrefix(`/`)"
                  service: m
              services:
                m:
                  mirroring:
                    service: s
                    mirrors: [{name: shadow, percent: \(percent)}]
                s:
                  loadBalancer:
                    servers: [{url: "http://10.0.0.1:80"}]
                shadow:
                  loadBalancer:
                    servers: [{url: "http://10.0.0.2:80"}]
            """)
        let router = try #require(runtime.route(request("x.test")))
        var copies = 0
        for _ in 0..<8 {
            let selection = try #require(router.service.select(for: request("x.test")))
            #expect(selection.server.urlText == "http://10.0.0.1:80")
            copies += selection.mirror?.targets.filter { $0.server.urlText == "http://10.0.0.2:80" }.count ?? 0
        }
        #expect(copies == expected)
    }
}

extension RuntimeBuilderTests {
    @Test("each router has its own instance of a stateful middleware, as in Traefik")
    func middlewaresPerRouter() throws {
        let runtime = try Self.runtime("""
            http:
              routers:
                a:
                  rule: "Host(`a.test`)"
                  service: s
                  middlewares: [limit]
                b:
                  rule: "Host(`b.test`)"
                  service: s
                  middlewares: [wrapped]
              middlewares:
                limit:
                  rateLimit:
                    average: 1
                    period: 1h
                wrapped:
                  chain:
                    middlewares: [limit]
            \(Self.services)
            """)
        func admitted(_ host: String) throws -> Bool {
            var proxied = request(host)
            return try #require(runtime.route(proxied)).middleware.handle(&proxied).isProceed
        }
        #expect(try admitted("a.test"))
        #expect(try !admitted("a.test"))
        #expect(try admitted("b.test"), "router b shares router a's bucket")
    }
}

extension MiddlewareOutcome {
    var isProceed: Bool {
        if case .proceed = self { return true }
        return false
    }
}
