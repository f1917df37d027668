import Foundation
import TEETesting
import Testing

@Suite("plugin.jwt on a real tee-proxy, with tokens from a real identity provider")
struct JWTMiddlewareTests {
    static func route(_ name: String, _ jwt: String) -> (router: String, middleware: String) {
        ("""
            \(name):
              rule: "PathPrefix(`/\(name)`)"
              service: app
              middlewares: [\(name)]
        """, """
            \(name):
              plugin:
                jwt:
        \(jwt)
        """)
    }

    static func proxy(app: TestBackend, routes: [(router: String, middleware: String)], staticExtra: String = "") async throws -> ProxyFixture {
        try await ProxyFixture(dynamic: """
            http:
              routers:
            \(routes.map(\.router).joined(separator: "\n"))
              middlewares:
            \(routes.map(\.middleware).joined(separator: "\n"))
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(app.url)"}]
            """, staticExtra: staticExtra)
    }

    @Test("each algorithm verifies with its key source (secret file, PEM keys, JWK file); bad, expired and unsigned tokens get 401")
    func algorithmsAndKeySources() async throws {
        let app = try await TestBackend(name: "app")
        let provider = try await IdentityProvider()
        defer { Task { await app.stop() } }
        let secretFile = "\(provider.directory)/hmac-secret"
        try (IdentityProvider.hmacSecret + "\n").write(toFile: secretFile, atomically: true, encoding: .utf8)
        let dir = provider.directory
        let proxy = try await Self.proxy(app: app, routes: [
            Self.route("hs", "          signingSecretFile: \(secretFile)"),
            Self.route("rsa", "          publicKeyFile: \(dir)/rsa.pem\n          forwardAuthorization: true"),
            Self.route("ec", "          publicKeyFile: \(dir)/ec.pem"),
            Self.route("ed", "          publicKeyFile: \(dir)/ed.pem"),
            Self.route("set", "          jwksFile: \(dir)/jwks.json"),
        ])
        let now = Int(Date().timeIntervalSince1970)
        let claims = "{\"sub\": \"alice\", \"exp\": \(now + 300), \"iat\": \(now)}"
        func status(_ path: String, _ token: String?) async throws -> Int? {
            try await proxy.get(path, headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])?.status
        }
        for (path, algorithms) in [("/hs", ["HS256", "HS384", "HS512"]), ("/rsa", ["RS256", "RS384", "PS256", "PS512"]),
                                   ("/ec", ["ES256"]), ("/ed", ["EdDSA"]), ("/set", ["RS256", "ES256", "EdDSA"])] {
            for alg in algorithms {
                #expect(try await status(path, try await provider.mint(alg, claims)) == 200, "\(alg) on \(path)")
            }
        }
        // A token signed with another key, or for another algorithm than the key's, is refused.
        #expect(try await status("/rsa", try await provider.mint("ES256", claims)) == 401)
        #expect(try await status("/ec", try await provider.mint("HS256", claims)) == 401)
        #expect(try await status("/set", try await provider.mint("HS256", claims)) == 401)
        // A kid the set lacks is refused, not tried with another key.
        #expect(try await status("/set", try await provider.mint("ES256", claims, kid: "unknown")) == 401)
        let valid = try await provider.mint("HS256", claims)
        let parts = valid.split(separator: ".")
        #expect(try await status("/hs", "\(parts[0]).\(parts[1]).\(parts[2].dropLast(2))xx") == 401, "a changed signature passed")
        // alg none: the header and payload with no signature.
        let unsigned = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.\(parts[1])."
        #expect(try await status("/hs", unsigned) == 401)
        #expect(try await status("/hs", try await provider.mint("HS256", "{\"sub\": \"a\", \"exp\": \(now - 10)}")) == 401, "expired")
        #expect(try await status("/hs", try await provider.mint("HS256", "{\"sub\": \"a\", \"nbf\": \(now + 600)}")) == 401, "not yet valid")
        #expect(try await status("/hs", try await provider.mint("HS256", "{\"sub\": \"a\", \"exp\": \"soon\"}")) == 401, "exp not a number")
        let missing = try #require(try await proxy.get("/hs"))
        #expect(missing.status == 401)
        #expect(missing.header("WWW-Authenticate") == "Bearer")
        #expect(try await status("/hs", "not-a-token") == 401)

        // The Authorization header is removed unless forwardAuthorization is set.
        let stripped = try #require(try await proxy.get("/hs", headers: ["Authorization": "Bearer \(valid)"]))
        #expect(stripped.status == 200)
        #expect(stripped.field("header.authorization") == nil)
        let rsaToken = try await provider.mint("RS256", claims)
        let kept = try #require(try await proxy.get("/rsa", headers: ["Authorization": "Bearer \(rsaToken)"]))
        #expect(kept.field("header.authorization") == "Bearer \(rsaToken)")
    }

    @Test("claims decide (403 otherwise), forwardHeaders copy claims, usernameClaim names the client in the access log, tokenKey reads the query")
    func claimsAndHeaders() async throws {
        let app = try await TestBackend(name: "app")
        let provider = try await IdentityProvider()
        defer { Task { await app.stop() } }
        let log = "\(provider.directory)/access.log"
        let proxy = try await Self.proxy(app: app, routes: [
            Self.route("admin", """
                      signingSecret: \(IdentityProvider.hmacSecret)
                      tokenKey: jwt
                      claims: "Equals(`grp`, `admin`) && Contains(`areas`, `home`) && !SplitContains(`scope`, ` `, `banned`)"
                      usernameClaim: user.name
                      forwardHeaders:
                        X-Group: grp
                        X-User-Name: user.name
                        X-Dotted: "dotted\\\\.key"
                        X-Missing: nope
            """),
        ], staticExtra: "accessLog:\n  filePath: \(log)\n  format: json\n")
        let now = Int(Date().timeIntervalSince1970)
        let admin = try await provider.mint("HS256", """
            {"sub": "1", "grp": "admin", "areas": ["office", "home"], "scope": "read write", "user": {"name": "Alice"}, "dotted.key": 7, "exp": \(now + 300)}
            """)
        let allowed = try #require(try await proxy.get("/admin", headers: ["Authorization": "Bearer \(admin)"]))
        #expect(allowed.status == 200)
        #expect(allowed.field("header.x-group") == "admin")
        #expect(allowed.field("header.x-user-name") == "Alice")
        #expect(allowed.field("header.x-dotted") == "7")
        #expect(allowed.field("header.x-missing") == "")
        let viaQuery = try #require(try await proxy.get("/admin?jwt=\(admin)"))
        #expect(viaQuery.status == 200)

        for claims in ["{\"grp\": \"reader\", \"areas\": [\"home\"]}", "{\"grp\": \"admin\", \"areas\": [\"lab\"]}",
                       "{\"grp\": \"admin\", \"areas\": [\"home\"], \"scope\": \"read banned\"}", "{\"sub\": \"2\"}"] {
            let token = try await provider.mint("HS256", claims)
            #expect(try await proxy.get("/admin", headers: ["Authorization": "Bearer \(token)"])?.status == 403, "\(claims)")
        }
        // A forged X-Group from the client is replaced by the claim's value.
        let forged = try #require(try await proxy.get("/admin", headers: ["Authorization": "Bearer \(admin)", "X-Group": "root"]))
        #expect(forged.field("header.x-group") == "admin")

        let deadline = ContinuousClock.now + .seconds(10)
        var lines: [String] = []
        while ContinuousClock.now < deadline {
            lines = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            if lines.count >= 2 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(lines.first?.contains("\"ClientUsername\":\"Alice\"") == true, "\(lines.first ?? "no access log")")
    }

    @Test("jwksUrl: fetched once and cached, fetched again for an unknown kid, kept while the provider is down; with none, 503")
    func jwksURL() async throws {
        let app = try await TestBackend(name: "app")
        let provider = try await IdentityProvider()
        defer { Task { await app.stop() } }
        let proxy = try await Self.proxy(app: app, routes: [
            Self.route("remote", "          jwksUrl: \(provider.url)/jwks\n          clientConfig:\n            timeoutSeconds: 2\n            maxRetries: 1"),
        ])
        let now = Int(Date().timeIntervalSince1970)
        let claims = "{\"iss\": \"test\", \"sub\": \"a\", \"exp\": \(now + 300)}"
        for alg in ["RS256", "ES256", "EdDSA", "ES256", "RS256"] {
            #expect(try await proxy.get("/remote", headers: ["Authorization": "Bearer \(try await provider.mint(alg, claims))"])?.status == 200)
        }
        #expect(try await provider.count("jwks") == 1, "the set was not cached")
        // No iss: refused when keys come from a URL, as in Traefik Hub.
        let noIssuer = try await provider.mint("RS256", "{\"sub\": \"a\", \"exp\": \(now + 300)}")
        #expect(try await proxy.get("/remote", headers: ["Authorization": "Bearer \(noIssuer)"])?.status == 401)
        // A kid the cached set lacks makes the proxy fetch the set again (at most once a second), and still refuse it.
        try await Task.sleep(for: .milliseconds(1100))
        let unknown = try await provider.mint("ES256", claims, kid: "rotated")
        #expect(try await proxy.get("/remote", headers: ["Authorization": "Bearer \(unknown)"])?.status == 401)
        #expect(try await provider.count("jwks") == 2)

        let token = try await provider.mint("ES256", claims)
        await provider.stop()
        #expect(try await proxy.get("/remote", headers: ["Authorization": "Bearer \(token)"])?.status == 200, "the kept set stopped serving")

        // A proxy that never got a set answers 503: never an open door.
        let fresh = try await Self.proxy(app: app, routes: [
            Self.route("remote", "          jwksUrl: \(provider.url)/jwks\n          clientConfig:\n            timeoutSeconds: 1\n            maxRetries: 0"),
        ])
        let refused = try #require(try await fresh.get("/remote", headers: ["Authorization": "Bearer \(token)"]))
        #expect(refused.status == 503)
        #expect(app.received.count == 6, "a request reached the app without a verified token")
    }

    @Test("a bad jwt middleware disables only its routers, with an error that names the key; secrets never reach the API or the log")
    func badConfiguration() async throws {
        let app = try await TestBackend(name: "app")
        defer { Task { await app.stop() } }
        let apiPort = try FreePort.next()
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                good:
                  rule: "PathPrefix(`/good`)"
                  service: app
                  middlewares: [good]
                broken:
                  rule: "PathPrefix(`/broken`)"
                  service: app
                  middlewares: [broken]
              middlewares:
                good:
                  plugin:
                    jwt:
                      signingSecret: very-secret-value-123-with-32-bytes-and-more
                broken:
                  plugin:
                    jwt:
                      signingSecret: other-secret-value-456-with-32-bytes-and-more
                      claims: "Equals(`grp`"
                short:
                  plugin:
                    jwt:
                      signingSecret: short-secret-789
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(app.url)"}]
            """, entryPointExtra: """
              traefik:
                address: "127.0.0.1:\(apiPort)"
            """, staticExtra: "api: {insecure: true}\n")
        #expect(try await proxy.get("/good")?.status == 401)
        #expect(try await proxy.get("/broken")?.status == 404)
        let connection = try TestConnection(port: apiPort)
        let middlewares = try #require(try await connection.get("/api/http/middlewares")).body
        #expect(middlewares.contains("claims"), "the error does not name the key: \(middlewares)")
        #expect(middlewares.contains("REDACTED"))
        #expect(middlewares.contains("HS256 needs at least 32"), "a short secret was taken: \(middlewares)")
        for secret in ["other-secret-value-456", "very-secret-value-123", "short-secret-789"] {
            #expect(!middlewares.contains(secret), "the API shows a secret")
            #expect(!proxy.process.log.contains(secret), "the log shows a secret")
        }
    }
}
