import Foundation
import TEETesting
import Testing

@Suite("read-only API of a real tee-proxy")
struct APITests {
    @Test("routers, services and middlewares with their status and errors")
    func api() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let apiPort = try FreePort.next()
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                good:
                  rule: "Host(`good.test`)"
                  service: app
                  middlewares: [strip]
                bad:
                  rule: "Host(`bad.test`"
                  service: app
              middlewares:
                strip:
                  stripPrefix:
                    prefixes: ["/x"]
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """, entryPointExtra: """
              traefik:
                address: "127.0.0.1:\(apiPort)"
            """, staticExtra: "api: {insecure: true}\n")
        let connection = try TestConnection(port: apiPort)
        let routers = try #require(try await connection.get("/api/http/routers"))
        #expect(routers.status == 200)
        #expect(routers.header("Content-Type") == "application/json")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(routers.body.utf8)) as? [[String: Any]])
        let good = try #require(list.first { $0["name"] as? String == "good@file" })
        #expect(good["status"] as? String == "enabled")
        #expect(good["rule"] as? String == "Host(`good.test`)")
        #expect(good["service"] as? String == "app@file")
        let bad = try #require(list.first { $0["name"] as? String == "bad@file" })
        #expect(bad["status"] as? String == "disabled")
        #expect((bad["error"] as? [String])?.first?.contains("expected a closing )") == true, "\(bad)")

        let service = try #require(try await connection.get("/api/http/services/app@file"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(service.body.utf8)) as? [String: Any])
        #expect(object["usedBy"] as? [String] == ["bad@file", "good@file"] || object["usedBy"] as? [String] == ["good@file"])
        #expect((object["serverStatus"] as? [String: String])?.values.first == "UP")
        #expect(try await connection.get("/api/http/middlewares/nope@file")?.status == 404)
        // The API is not on the web entry point.
        #expect(try await proxy.get("/api/http/routers")?.status == 404)
    }

    @Test("without insecure the API is reached only through a router to api@internal, behind its middlewares: 401 without credentials")
    func internalService() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                dashboard:
                  rule: "Host(`admin.test`) && (PathPrefix(`/api`) || PathPrefix(`/dashboard`))"
                  service: api@internal
                  middlewares: [admins]
                app:
                  rule: "Host(`app.test`)"
                  service: app
              middlewares:
                admins:
                  basicAuth:
                    users: ['admin:$apr1$abcdefgh$h9FWgUz3n9YxylKLlR5SQ/']
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """, staticExtra: "api: {}\n")
        let credentials = ["Authorization": "Basic " + Data("admin:secret".utf8).base64EncodedString()]
        for path in ["/api/overview", "/api/http/routers", "/dashboard/", "/dashboard/app.js"] {
            #expect(try await proxy.get(path, host: "admin.test")?.status == 401, "\(path) without credentials")
        }
        let overview = try #require(try await proxy.get("/api/overview", host: "admin.test", headers: credentials))
        #expect(overview.status == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(overview.body.utf8)) as? [String: Any])
        #expect(((object["http"] as? [String: Any])?["routers"] as? [String: Int])?["total"] == 2)
        let page = try #require(try await proxy.get("/dashboard/", host: "admin.test", headers: credentials))
        #expect(page.status == 200 && page.body.contains("<script src=\"app.js\"></script>"))
        #expect(page.header("Content-Security-Policy")?.contains("default-src 'self'") == true)
        let dygraphs = try await proxy.get("/dashboard/lib/dygraph.min.js", host: "admin.test", headers: credentials)
        #expect(dygraphs?.status == 200 && (dygraphs?.body.count ?? 0) > 10_000, "served from libjs-dygraphs")
        // The router's own status, and other hosts untouched.
        let router = try #require(try await proxy.get("/api/http/routers/dashboard@file", host: "admin.test", headers: credentials))
        #expect(router.body.contains("\"service\":\"api@internal\"") && router.body.contains("\"status\":\"enabled\""), "\(router.body)")
        #expect(try await proxy.get("/", host: "app.test")?.status == 200)
        #expect(try await proxy.get("/api/overview", host: "app.test")?.status == 200, "another host's router still reaches its backend")
        #expect(backend.received.map(\.uri).contains("/api/overview"))
    }
}
