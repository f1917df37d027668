import Foundation
import TEETesting
import Testing

@Suite("routing through a real tee-proxy")
struct ProxyRoutingTests {
    @Test("routes by host and path, with priorities, middlewares and 404")
    func routing() async throws {
        let api = try await TestBackend(name: "api")
        let web = try await TestBackend(name: "web")
        defer { Task { await api.stop(); await web.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                api:
                  rule: "Host(`example.com`) && PathPrefix(`/api`)"
                  service: api
                  middlewares: [strip-api, tag]
                site:
                  rule: "Host(`example.com`)"
                  service: web
                pinned:
                  rule: "PathPrefix(`/`)"
                  priority: 1
                  service: web
                  middlewares: [prefix]
                broken:
                  rule: "Host(`broken.example.com`) &&"
                  service: api
                orphan:
                  rule: "Host(`orphan.example.com`)"
                  service: missing
              middlewares:
                strip-api:
                  stripPrefix:
                    prefixes: ["/api"]
                tag:
                  headers:
                    customRequestHeaders:
                      X-Tag: "routed"
                    customResponseHeaders:
                      X-Served-By: "tee"
                prefix:
                  addPrefix:
                    prefix: "/fallback"
              services:
                api:
                  loadBalancer:
                    servers: [{url: "\(api.url)"}]
                web:
                  loadBalancer:
                    servers: [{url: "\(web.url)"}]
            """)

        let routed = try #require(try await proxy.get("/api/users?page=2", host: "Example.COM:80"))
        #expect(routed.status == 200)
        #expect(routed.field("backend") == "api")
        #expect(routed.field("uri") == "/users?page=2")
        #expect(routed.field("header.x-tag") == "routed")
        #expect(routed.field("header.x-forwarded-prefix") == "/api")
        #expect(routed.header("X-Served-By") == "tee")

        #expect(try await proxy.get("/about", host: "example.com")?.field("backend") == "web")
        let fallback = try await proxy.get("/x", host: "other.org")
        #expect(fallback?.field("backend") == "web")
        #expect(fallback?.field("uri") == "/fallback/x")
        // The broken routers are disabled alone and named in the log.
        #expect(proxy.process.log.contains("router broken@file: invalid rule"))
        #expect(proxy.process.log.contains("router orphan@file: service missing@file does not exist"))
        #expect(try await proxy.get("/x", host: "orphan.example.com")?.field("uri") == "/fallback/x")
    }

    @Test("404 when nothing matches, 502 when the server is down, 503 without healthy servers")
    func errorStatuses() async throws {
        let deadPort = try FreePort.next()
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                dead:
                  rule: "Host(`dead.test`)"
                  service: dead
                zero:
                  rule: "Host(`zero.test`)"
                  service: zero
              services:
                dead:
                  loadBalancer:
                    servers: [{url: "http://127.0.0.1:\(deadPort)"}]
                zero:
                  loadBalancer:
                    servers: [{url: "http://127.0.0.1:\(deadPort)", weight: 0}]
            """)
        let notFound = try #require(try await proxy.get("/", host: "nothing.test"))
        #expect(notFound.status == 404)
        #expect(notFound.body == "404 page not found\n")
        #expect(try await proxy.get("/", host: "dead.test")?.status == 502)
        #expect(try await proxy.get("/", host: "zero.test")?.status == 503)
    }

    @Test("504 when the server does not answer within responseHeaderTimeout")
    func gatewayTimeout() async throws {
        let slow = try await TestBackend(name: "slow")
        defer { Task { await slow.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                slow:
                  rule: "PathPrefix(`/`)"
                  service: slow
              services:
                slow:
                  loadBalancer:
                    serversTransport: quick
                    servers: [{url: "\(slow.url)"}]
              serversTransports:
                quick:
                  forwardingTimeouts:
                    responseHeaderTimeout: 200ms
            """)
        #expect(try await proxy.get("/slow/2000")?.status == 504)
        let quick = try await proxy.get("/slow/10")
        #expect(quick?.status == 200, "\(String(describing: quick))\n\(proxy.process.log)")
    }

    @Test("weighted round robin gives exactly 3:1, in a smooth order")
    func weightedRoundRobin() async throws {
        let a = try await TestBackend(name: "a")
        let b = try await TestBackend(name: "b")
        defer { Task { await a.stop(); await b.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                all:
                  rule: "PathPrefix(`/`)"
                  service: pool
              services:
                pool:
                  loadBalancer:
                    servers:
                      - url: "\(a.url)"
                        weight: 3
                      - url: "\(b.url)"
                        weight: 1
            """)
        let connection = try proxy.connect()
        var order: [String] = []
        for _ in 0..<8 { order.append(try await connection.get("/")?.field("backend") ?? "?") }
        #expect(order == ["a", "a", "b", "a", "a", "a", "b", "a"])
    }

    @Test("weighted services split traffic and sticky cookies pin a client")
    func weightedServicesAndStickiness() async throws {
        let a = try await TestBackend(name: "a")
        let b = try await TestBackend(name: "b")
        defer { Task { await a.stop(); await b.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                split:
                  rule: "Host(`split.test`)"
                  service: split
                sticky:
                  rule: "Host(`sticky.test`)"
                  service: sticky
              services:
                split:
                  weighted:
                    services:
                      - name: sa
                        weight: 1
                      - name: sb
                        weight: 1
                sa:
                  loadBalancer:
                    servers: [{url: "\(a.url)"}]
                sb:
                  loadBalancer:
                    servers: [{url: "\(b.url)"}]
                sticky:
                  loadBalancer:
                    sticky:
                      cookie:
                        name: pin
                        httpOnly: true
                    servers: [{url: "\(a.url)"}, {url: "\(b.url)"}]
            """)
        var split: [String] = []
        for _ in 0..<4 { split.append(try await proxy.get("/", host: "split.test")?.field("backend") ?? "?") }
        #expect(split == ["a", "b", "a", "b"])

        let first = try #require(try await proxy.get("/", host: "sticky.test"))
        let cookie = try #require(first.header("Set-Cookie"))
        #expect(cookie.hasPrefix("pin=") && cookie.contains("HttpOnly"))
        let value = String(cookie.split(separator: ";")[0])
        for _ in 0..<4 {
            let again = try await proxy.get("/", host: "sticky.test", headers: ["Cookie": value])
            #expect(again?.field("backend") == first.field("backend"))
            #expect(again?.header("Set-Cookie") == nil)
        }
    }

    @Test("TOML dynamic configuration works the same")
    func toml() async throws {
        let backend = try await TestBackend(name: "toml")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            [http.routers.r]
            rule = "Path(`/t`)"
            service = "s"

            [[http.services.s.loadBalancer.servers]]
            url = "\(backend.url)"
            """, format: "toml")
        #expect(try await proxy.get("/t")?.field("backend") == "toml")
        #expect(try await proxy.get("/u")?.status == 404)
    }
}
