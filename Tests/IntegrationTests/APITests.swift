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
            """, staticExtra: "api: {}\n")
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
}
