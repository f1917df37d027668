import Foundation
import TEETesting
import Testing

@Suite("forwardAuth on a real tee-proxy")
struct ForwardAuthTests {
    static func proxy(app: TestBackend, authAddress: String) async throws -> ProxyFixture {
        try await ProxyFixture(dynamic: """
            http:
              routers:
                private:
                  rule: "PathPrefix(`/private`)"
                  service: app
                  middlewares: [auth, mark]
              middlewares:
                auth:
                  forwardAuth:
                    address: "\(authAddress)"
                    authResponseHeaders: [X-Auth-User]
                    addAuthCookiesToResponse: [session]
                mark:
                  headers:
                    customRequestHeaders:
                      X-After-Auth: "yes"
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(app.url)"}]
            """)
    }

    @Test("a 2xx from the server lets the request through with its headers; anything else is the answer")
    func allowAndDeny() async throws {
        let app = try await TestBackend(name: "app")
        let auth = try await TestBackend(name: "auth")
        defer { Task { await app.stop(); await auth.stop() } }
        let proxy = try await Self.proxy(app: app, authAddress: "\(auth.url)/auth")

        let allowed = try #require(try await proxy.get("/private/page?x=1", host: "app.test", headers: ["Authorization": "Bearer good"]))
        #expect(allowed.status == 200)
        #expect(allowed.field("backend") == "app")
        #expect(allowed.field("header.x-auth-user") == "alice")
        #expect(allowed.field("header.x-after-auth") == "yes", "the middlewares after forwardAuth did not run")
        #expect(allowed.header("Set-Cookie") == "session=abc; Path=/")

        let asked = try #require(auth.received.last)
        #expect(asked.method == "GET")
        #expect(asked.uri == "/auth")
        #expect(asked.header("X-Forwarded-Uri") == "/private/page?x=1")
        #expect(asked.header("X-Forwarded-Method") == "GET")
        #expect(asked.header("X-Forwarded-Host") == "app.test")
        #expect(asked.header("X-Forwarded-Proto") == "http")
        #expect(asked.header("X-Forwarded-For") == "127.0.0.1")

        let reachedApp = app.received.count
        let denied = try #require(try await proxy.get("/private/page", headers: ["Authorization": "Bearer bad"]))
        #expect(denied.status == 401)
        #expect(denied.body == "denied")
        #expect(denied.header("WWW-Authenticate") == "Bearer realm=\"tee\"")
        #expect(app.received.count == reachedApp, "a denied request reached the app")
    }

    @Test("a request body waits for the answer and then streams on; keep-alive goes on after a denial")
    func bodyAndKeepAlive() async throws {
        let app = try await TestBackend(name: "app")
        let auth = try await TestBackend(name: "auth")
        defer { Task { await app.stop(); await auth.stop() } }
        let proxy = try await Self.proxy(app: app, authAddress: "\(auth.url)/auth")
        let connection = try proxy.connect()
        let body = String(repeating: "x", count: 50_000)
        try await connection.send("POST /private/upload HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer good\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        let response = try #require(await connection.readResponse())
        #expect(response.field("body-bytes") == "50000")
        try await connection.send("POST /private/upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")
        #expect(await connection.readResponse()?.status == 401)
        #expect(try await connection.get("/private/x", headers: ["Authorization": "Bearer good"])?.status == 200)
    }

    @Test("an authentication server that cannot be reached gets the client a 500")
    func unreachable() async throws {
        let app = try await TestBackend(name: "app")
        defer { Task { await app.stop() } }
        let proxy = try await Self.proxy(app: app, authAddress: "http://127.0.0.1:\(try FreePort.next())/auth")
        #expect(try await proxy.get("/private/x")?.status == 500)
        #expect(app.received.isEmpty)
    }
}
