import Foundation
import TEEDashboard
import TEEModel
import TEEProxy
import Testing

/// Traefik's API shapes over a built runtime: lists, filters, pages, details, errors.
@Suite struct TraefikAPITests {
    static func api(_ yaml: String) throws -> TraefikAPI {
        let document = ConfigurationDocument(provider: "file", name: "dynamic.yaml", format: "yaml", content: yaml)
        let configuration = try ConfigurationDocument.load([document])
        let runtime = RuntimeBuilder.build(configuration, entryPoints: [EntryPointRouting(name: "web"), EntryPointRouting(name: "dns")])
        let entryPoints = [EntryPointConfiguration(name: "web", address: ListenAddress(parsing: ":80")!),
                           EntryPointConfiguration(name: "dns", address: ListenAddress(parsing: ":53/udp")!)]
        return TraefikAPI(state: APIState(runtime: runtime, entryPoints: entryPoints, providers: ["redis": "cannot connect to Redis"],
                                          metrics: "Prometheus", tracing: "OpenTelemetry", startDate: Date(timeIntervalSince1970: 0), traffic: .totals(TrafficTally())))
    }

    static let yaml = """
        http:
          routers:
            app:
              rule: "Host(`app.example`)"
              service: app
              middlewares: [strip]
            broken:
              rule: "Host(`b.example`)"
              service: missing
            secure:
              rule: "Host(`s.example`)"
              service: app
              tls: {certResolver: le}
          middlewares:
            strip:
              stripPrefix: {prefixes: ["/x"]}
          services:
            app:
              loadBalancer:
                servers: [{url: "http://127.0.0.1:9000"}]
        tcp:
          routers:
            db:
              rule: "HostSNI(`*`)"
              service: db
          services:
            db:
              loadBalancer:
                servers: [{address: "127.0.0.1:5432"}]
        """

    static func object(_ response: APIResponse?) throws -> [String: Any] {
        let response = try #require(response)
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    static func list(_ response: APIResponse?) throws -> [[String: Any]] {
        let response = try #require(response)
        #expect(response.status == 200)
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [[String: Any]])
    }

    static func header(_ response: APIResponse?, _ name: String) -> String? {
        response?.headers.first { $0.name == name }?.value
    }

    @Test("routers in Traefik's shape: name@provider, status, error, using, tls; unknown names 404")
    func routers() throws {
        let api = try Self.api(Self.yaml)
        let routers = try Self.list(api.respond(path: "/api/http/routers", query: ""))
        #expect(routers.map { $0["name"] as? String } == ["app@file", "broken@file", "secure@file"])
        let app = routers[0]
        #expect(app["status"] as? String == "enabled" && app["provider"] as? String == "file")
        #expect(app["rule"] as? String == "Host(`app.example`)" && app["middlewares"] as? [String] == ["strip@file"])
        #expect(app["using"] as? [String] == ["web"], "a router without entryPoints is on every TCP entry point, not the UDP one")
        let broken = try Self.object(api.respond(path: "/api/http/routers/broken@file", query: ""))
        #expect(broken["status"] as? String == "disabled")
        #expect((broken["error"] as? [String])?.first?.contains("missing") == true, "\(broken)")
        let secure = try Self.object(api.respond(path: "/api/http/routers/secure@file", query: ""))
        #expect((secure["tls"] as? [String: Any])?["certResolver"] as? String == "le")
        #expect((secure["tls"] as? [String: Any])?["options"] as? String == "default")
        let missing = api.respond(path: "/api/http/routers/nope@file", query: "")
        #expect(missing?.status == 404)
        #expect(try Self.object(missing)["message"] as? String == "router not found: nope@file")
    }

    @Test("search, status, serviceName and middlewareName filter as Traefik's do")
    func filters() throws {
        let api = try Self.api(Self.yaml)
        func names(_ query: String) throws -> [String] {
            try Self.list(api.respond(path: "/api/http/routers", query: query)).compactMap { $0["name"] as? String }
        }
        #expect(try names("search=s.EXAMPLE") == ["secure@file"], "search is case-insensitive and looks in rules")
        #expect(try names("status=disabled") == ["broken@file"])
        #expect(try names("serviceName=app@file") == ["app@file", "secure@file"])
        #expect(try names("middlewareName=strip@file") == ["app@file"])
        #expect(try names("search=app&status=enabled") == ["app@file"])
    }

    @Test("pages: per_page and page, X-Next-Page (1 after the last), 400 for a page past the end or a bad number")
    func pagination() throws {
        let routers = (0..<250).map { "    r\(String(format: "%03d", $0)):\n      rule: \"Host(`r\($0).example`)\"\n      service: app\n" }.joined()
        let api = try Self.api("http:\n  routers:\n" + routers + "  services:\n    app:\n      loadBalancer:\n        servers: [{url: \"http://127.0.0.1:9\"}]\n")
        let first = api.respond(path: "/api/http/routers", query: "")
        #expect(try Self.list(first).count == 100)
        #expect(Self.header(first, "X-Next-Page") == "2")
        #expect(Self.header(first, "X-Total-Count") == "250")
        let last = api.respond(path: "/api/http/routers", query: "page=3&per_page=100")
        #expect(try Self.list(last).map { $0["name"] as? String }.first == "r200@file")
        #expect(try Self.list(last).count == 50)
        #expect(Self.header(last, "X-Next-Page") == "1")
        #expect(api.respond(path: "/api/http/routers", query: "page=4")?.status == 400)
        #expect(api.respond(path: "/api/http/routers", query: "per_page=0")?.status == 400)
        #expect(api.respond(path: "/api/http/routers", query: "page=x")?.status == 400)
    }

    @Test("services with servers and their health, middlewares with type and usedBy, TCP objects")
    func servicesAndOthers() throws {
        let api = try Self.api(Self.yaml)
        let app = try Self.object(api.respond(path: "/api/http/services/app@file", query: ""))
        #expect(app["type"] as? String == "loadbalancer")
        #expect(app["usedBy"] as? [String] == ["app@file", "secure@file"])
        let servers = (app["loadBalancer"] as? [String: Any])?["servers"] as? [[String: Any]]
        #expect(servers?.first?["url"] as? String == "http://127.0.0.1:9000")
        #expect((app["serverStatus"] as? [String: String])?["http://127.0.0.1:9000"] == "UP")
        let strip = try Self.object(api.respond(path: "/api/http/middlewares/strip@file", query: ""))
        #expect(strip["type"] as? String == "stripprefix" && strip["usedBy"] as? [String] == ["app@file"])
        #expect((strip["stripPrefix"] as? [String: Any])?["prefixes"] as? [String] == ["/x"], "Traefik's settings under the type's key: \(strip)")
        let tcp = try Self.list(api.respond(path: "/api/tcp/routers", query: ""))
        #expect(tcp.first?["name"] as? String == "db@file" && tcp.first?["status"] as? String == "enabled")
        let db = try Self.object(api.respond(path: "/api/tcp/services/db@file", query: ""))
        #expect(db["usedBy"] as? [String] == ["db@file"])
        #expect(try Self.list(api.respond(path: "/api/udp/routers", query: "")).isEmpty)
    }

    @Test("overview counts per protocol with errors, features, providers; entry points; rawdata; version")
    func overview() throws {
        let api = try Self.api(Self.yaml)
        let overview = try Self.object(api.respond(path: "/api/overview", query: ""))
        let routers = (overview["http"] as? [String: Any])?["routers"] as? [String: Int]
        #expect(routers == ["total": 3, "warnings": 0, "errors": 1])
        #expect(((overview["tcp"] as? [String: Any])?["routers"] as? [String: Int])?["total"] == 1)
        #expect(overview["providers"] as? [String] == ["File", "Redis"])
        let features = overview["features"] as? [String: Any]
        #expect(features?["metrics"] as? String == "Prometheus" && features?["tracing"] as? String == "OpenTelemetry")
        let entryPoints = try Self.list(api.respond(path: "/api/entrypoints", query: ""))
        #expect(entryPoints.map { $0["name"] as? String } == ["web", "dns"])
        #expect(entryPoints.first?["address"] as? String == ":80")
        #expect(api.respond(path: "/api/entrypoints/nope", query: "")?.status == 404)
        let raw = try Self.object(api.respond(path: "/api/rawdata", query: ""))
        #expect((raw["routers"] as? [String: Any])?.keys.sorted() == ["app@file", "broken@file", "secure@file"])
        #expect((raw["tcpServices"] as? [String: Any])?.keys.sorted() == ["db@file"])
        #expect(try Self.object(api.respond(path: "/api/version", query: ""))["Version"] as? String == TEEVersion.current)
        let providers = try Self.list(api.respond(path: "/api/providers", query: ""))
        #expect(providers.first?["status"] as? String == "error" && providers.first?["error"] as? String == "cannot connect to Redis")
        #expect(api.respond(path: "/api/nothing", query: "")?.status == 404)
        #expect(api.respond(path: "/other", query: "") == nil)
    }
}

/// The traffic figures behind the dashboard's plots.
@Suite struct TrafficFiguresTests {
    @Test("a sample is what changed between two readings; a restarted count starts again; idle objects are left out")
    func sampleBetweenReadings() {
        let earlier = ["a": TrafficCount(requests: 10, serverErrors: 1, seconds: 1), "b": TrafficCount(requests: 5, seconds: 0.5),
                       "c": TrafficCount(requests: 9, seconds: 2)]
        let later = ["a": TrafficCount(requests: 30, serverErrors: 2, seconds: 3), "b": TrafficCount(requests: 5, seconds: 0.5),
                     "c": TrafficCount(requests: 2, seconds: 0.2), "d": TrafficCount(requests: 1, seconds: 0.1)]
        let sample = TrafficSample.between(earlier, later)
        #expect(sample == ["a": TrafficCount(requests: 20, serverErrors: 1, seconds: 2), "c": TrafficCount(requests: 2, seconds: 0.2),
                           "d": TrafficCount(requests: 1, seconds: 0.1)])
    }

    @Test("a controller sums the proxies' samples into rates with a request-weighted latency")
    func ratesAcrossProxies() throws {
        let api = TraefikAPI(state: APIState(runtime: RuntimeBuilder.build(DynamicConfiguration(), entryPoints: []), entryPoints: [],
                                             startDate: Date(), traffic: .rates([
            TrafficSample(intervalSeconds: 2, routers: ["r@api": TrafficCount(requests: 20, serverErrors: 2, seconds: 0.2)]),
            TrafficSample(intervalSeconds: 2, routers: ["r@api": TrafficCount(requests: 60, seconds: 1.8)]),
        ]), isServing: false))
        let object = try TraefikAPITests.object(api.respond(path: "/api/tee/traffic", query: ""))
        #expect(object["mode"] as? String == "rates" && object["proxies"] as? Int == 2)
        let router = try #require((object["routers"] as? [String: Any])?["r@api"] as? [String: Double])
        #expect(router["rate"] == 40 && router["errorRate"] == 1)
        #expect(abs((router["latencyMs"] ?? 0) - 25) < 0.001, "2 s of requests over 80 requests: 25 ms")
    }
}
