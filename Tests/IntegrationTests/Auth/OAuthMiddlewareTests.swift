import Foundation
import TEETesting
import Testing

@Suite("plugin.oAuthIntrospection and plugin.oAuthClientCredentials against a real OAuth 2.0 server (Authlib)")
struct OAuthMiddlewareTests {
    @Test("introspection: active tokens pass with their claims as headers; inactive 401, claims not met 403, server down 503")
    func introspection() async throws {
        let app = try await TestBackend(name: "app")
        let provider = try await IdentityProvider()
        defer { Task { await app.stop() } }
        let readerCredentials = Data("reader:reader-secret".utf8).base64EncodedString()
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                admin:
                  rule: "PathPrefix(`/admin`)"
                  service: app
                  middlewares: [introspect]
              middlewares:
                introspect:
                  plugin:
                    oAuthIntrospection:
                      tokenSource:
                        header: Authorization
                        headerAuthScheme: Bearer
                        cookie: token
                      clientConfig:
                        url: "\(provider.url)/oauth/introspect"
                        headers:
                          Authorization: "Basic \(readerCredentials)"
                        tokenTypeHint: access_token
                        timeoutSeconds: 2
                        maxRetries: 1
                      claims: "Equals(`grp`, `admin`) && SplitContains(`scope`, ` `, `write`)"
                      usernameClaim: client_id
                      forwardHeaders:
                        X-Client: client_id
                        X-Areas: areas
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(app.url)"}]
            """)
        let gateway = try await provider.accessToken(client: "gateway", secret: "gateway-secret")
        let allowed = try #require(try await proxy.get("/admin", headers: ["Authorization": "Bearer \(gateway)"]))
        #expect(allowed.status == 200)
        #expect(allowed.field("header.x-client") == "gateway")
        #expect(allowed.field("header.x-areas") == "[\"office\",\"home\"]")
        #expect(allowed.field("header.authorization") == nil, "the token went on to the app")
        #expect(try await proxy.get("/admin", headers: ["Cookie": "token=\(gateway)"])?.status == 200)
        #expect(try await provider.count("introspect") == 2)

        let reader = try await provider.accessToken(client: "reader", secret: "reader-secret")
        #expect(try await proxy.get("/admin", headers: ["Authorization": "Bearer \(reader)"])?.status == 403)
        let unknown = try #require(try await proxy.get("/admin", headers: ["Authorization": "Bearer made-up-token"]))
        #expect(unknown.status == 401)
        #expect(unknown.header("WWW-Authenticate") == "Bearer error=\"invalid_token\"")
        #expect(try await proxy.get("/admin")?.status == 401)

        await provider.stop()
        #expect(try await proxy.get("/admin", headers: ["Authorization": "Bearer \(gateway)"])?.status == 503)
        #expect(app.received.count == 2)
    }

    @Test("client credentials: the gateway's own or the request's Basic credentials become a cached Bearer token; refused ones 401, server down 503")
    func clientCredentials() async throws {
        let app = try await TestBackend(name: "app")
        let provider = try await IdentityProvider()
        defer { Task { await app.stop() } }
        let directory = try TemporaryDirectory.make(prefix: "oauth")
        try "gateway-secret\n".write(toFile: "\(directory)/secret", atomically: true, encoding: .utf8)
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                gateway:
                  rule: "PathPrefix(`/gateway`)"
                  service: app
                  middlewares: [gateway]
                application:
                  rule: "PathPrefix(`/application`)"
                  service: app
                  middlewares: [application]
              middlewares:
                gateway:
                  plugin:
                    oAuthClientCredentials:
                      url: "\(provider.url)/oauth/token"
                      clientID: gateway
                      clientSecretFile: \(directory)/secret
                      audience: https://api.test
                      forwardHeaders:
                        X-Group: grp
                        X-Audience: aud
                application:
                  plugin:
                    oAuthClientCredentials:
                      url: "\(provider.url)/oauth/token"
                      claims: "Contains(`areas`, `lab`)"
                      clientConfig:
                        timeoutSeconds: 2
                        maxRetries: 0
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(app.url)"}]
            """)
        let first = try #require(try await proxy.get("/gateway/a"))
        #expect(first.status == 200)
        let bearer = try #require(first.field("header.authorization"))
        #expect(bearer.hasPrefix("Bearer ey"))
        #expect(first.field("header.x-group") == "admin")
        #expect(first.field("header.x-audience") == "https://api.test")
        let second = try #require(try await proxy.get("/gateway/b"))
        #expect(second.field("header.authorization") == bearer)
        #expect(try await provider.count("token") == 1, "the token was not kept")

        func basic(_ credentials: String) -> [String: String] {
            ["Authorization": "Basic \(Data(credentials.utf8).base64EncodedString())"]
        }
        let reader = try #require(try await proxy.get("/application", headers: basic("reader:reader-secret")))
        #expect(reader.status == 200)
        #expect(reader.field("header.authorization")?.hasPrefix("Bearer ey") == true)
        #expect(reader.field("header.authorization") != bearer)
        #expect(try await proxy.get("/application", headers: basic("gateway:gateway-secret"))?.status == 403, "claims not met")
        #expect(try await proxy.get("/application", headers: basic("reader:wrong"))?.status == 401)
        let challenge = try #require(try await proxy.get("/application"))
        #expect(challenge.status == 401)
        #expect(challenge.header("WWW-Authenticate") == "Basic realm=\"tee\"")

        await provider.stop()
        #expect(try await proxy.get("/gateway/c")?.status == 200, "a kept token stopped serving")
        #expect(try await proxy.get("/application", headers: basic("other:secret"))?.status == 503)
        #expect(app.received.count == 4)
    }
}
