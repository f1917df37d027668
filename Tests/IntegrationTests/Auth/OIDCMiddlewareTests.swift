import Foundation
import TEETesting
import Testing

@Suite("plugin.oidc on a real tee-proxy against a real OpenID Connect provider (oidc-provider-mock)")
struct OIDCMiddlewareTests {
    static func configuration(app: TestBackend, issuer: String, clientID: String, secretFile: String, extra: String = "") -> String {
        """
        http:
          routers:
            app:
              rule: "PathPrefix(`/`)"
              service: app
              middlewares: [login]
          middlewares:
            login:
              plugin:
                oidc:
                  issuer: "\(issuer)"
                  clientID: "\(clientID)"
                  clientSecretFile: \(secretFile)
                  redirectUrl: /oauth2/callback
                  logoutUrl: /logout
                  postLogoutRedirectUrl: /bye
                  pkce: true
                  scopes: [openid, profile]
                  claims: "Equals(`grp`, `admin`)"
                  usernameClaim: sub
                  forwardHeaders:
                    X-User: sub
                    X-Name: name
                  session:
                    expiry: 3600
        \(extra)
          services:
            app:
              loadBalancer:
                servers: [{url: "\(app.url)"}]
        """
    }

    /// The value of cookie `name` among a response's `Set-Cookie` headers.
    static func cookie(_ name: String, in response: TestHTTPResponse) -> String? {
        response.headers.filter { $0.name.lowercased() == "set-cookie" }.map(\.value)
            .first { $0.hasPrefix("\(name)=") }
            .map { String($0.dropFirst(name.count + 1).prefix { $0 != ";" }) }
    }

    /// Logs in as `subject` the way a browser would: the redirect to the provider, its login page, the callback.
    static func logIn(_ proxy: ProxyFixture, provider: OIDCProviderProcess, as subject: String, path: String = "/private/page?x=1")
        async throws -> (session: String, landing: String) {
        let start = try #require(try await proxy.get(path, host: "127.0.0.1:\(proxy.webPort)"))
        #expect(start.status == 302)
        let authorize = try #require(start.header("Location"))
        let state = try #require(Self.cookie("login-state", in: start))
        #expect(authorize.hasPrefix("\(provider.issuer)/oauth2/authorize?response_type=code"))
        #expect(authorize.contains("code_challenge_method=S256"), "pkce: no challenge in \(authorize)")
        #expect(authorize.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A\(proxy.webPort)%2Foauth2%2Fcallback"))
        let back = try await provider.authorize(authorize, as: subject)
        let callbackPath = String(back.dropFirst("http://127.0.0.1:\(proxy.webPort)".count))
        #expect(callbackPath.hasPrefix("/oauth2/callback?code="), "\(back)")
        let callback = try #require(try await proxy.get(callbackPath, host: "127.0.0.1:\(proxy.webPort)", headers: ["Cookie": "login-state=\(state)"]))
        #expect(callback.status == 302, "\(callback.body)")
        let session = try #require(Self.cookie("login-session", in: callback))
        #expect(Self.cookie("login-state", in: callback) == "", "the state cookie was not cleared")
        return (session, try #require(callback.header("Location")))
    }

    @Test("login with PKCE, a sealed session that carries the claims, claims that decide, logout")
    func loginAndLogout() async throws {
        let app = try await TestBackend(name: "app")
        let provider = try await OIDCProviderProcess()
        defer { Task { await app.stop() } }
        let webPort = try FreePort.next()
        let client = try await provider.register(redirectURI: "http://127.0.0.1:\(webPort)/oauth2/callback")
        let directory = try TemporaryDirectory.make(prefix: "oidc")
        try "\(client.secret)\n".write(toFile: "\(directory)/secret", atomically: true, encoding: .utf8)
        let proxy = try await ProxyFixture(dynamic: Self.configuration(app: app, issuer: provider.issuer, clientID: client.id,
                                                                     secretFile: "\(directory)/secret"), webPort: webPort)
        let (session, landing) = try await Self.logIn(proxy, provider: provider, as: "alice")
        #expect(landing == "http://127.0.0.1:\(webPort)/private/page?x=1")
        #expect(app.received.isEmpty, "a request reached the app before login")

        let page = try #require(try await proxy.get("/private/page?x=1", headers: ["Cookie": "login-session=\(session)"]))
        #expect(page.status == 200)
        #expect(page.field("header.x-user") == "alice")
        #expect(page.field("header.x-name") == "Alice")
        #expect(Self.cookie("login-session", in: page) != nil, "a sliding session was not renewed")
        // A changed cookie is not a session.
        var tampered = Array(session)
        tampered[10] = tampered[10] == "A" ? "B" : "A"
        #expect(try await proxy.get("/private/page", headers: ["Cookie": "login-session=\(String(tampered))"])?.status == 302)
        // Not a GET: no redirect to a login page, 401.
        let connection = try proxy.connect()
        try await connection.send("POST /private/form HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")
        #expect(await connection.readResponse()?.status == 401)
        // A callback without the state cookie (or with another state) is refused.
        #expect(try await proxy.get("/oauth2/callback?code=abc&state=xyz")?.status == 401)

        let (bobSession, _) = try await Self.logIn(proxy, provider: provider, as: "bob")
        #expect(try await proxy.get("/private/page", headers: ["Cookie": "login-session=\(bobSession)"])?.status == 403)

        let logout = try #require(try await proxy.get("/logout", host: "127.0.0.1:\(webPort)", headers: ["Cookie": "login-session=\(session)"]))
        #expect(logout.status == 302)
        let location = try #require(logout.header("Location"))
        #expect(location.hasPrefix("\(provider.issuer)/oauth2/end_session?client_id=\(client.id)"), "\(location)")
        #expect(location.contains("post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A\(webPort)%2Fbye"))
        #expect(Self.cookie("login-session", in: logout) == "")
        #expect(app.received.count == 1)
    }

    @Test("expired claims are refreshed with the refresh token; a wrong client secret or an unreachable provider never lets anyone in")
    func refreshAndFailures() async throws {
        let app = try await TestBackend(name: "app")
        // Tokens live 8 s: long enough that a stalled machine does not let the login's own ID token expire
        // before the proxy checks it.
        let provider = try await OIDCProviderProcess(tokenLifetime: 8)
        defer { Task { await app.stop() } }
        let webPort = try FreePort.next()
        let client = try await provider.register(redirectURI: "http://127.0.0.1:\(webPort)/oauth2/callback")
        let directory = try TemporaryDirectory.make(prefix: "oidc")
        try client.secret.write(toFile: "\(directory)/secret", atomically: true, encoding: .utf8)
        let proxy = try await ProxyFixture(dynamic: Self.configuration(app: app, issuer: provider.issuer, clientID: client.id,
                                                                     secretFile: "\(directory)/secret"), webPort: webPort)
        let (session, _) = try await Self.logIn(proxy, provider: provider, as: "alice")
        #expect(try await proxy.get("/a", headers: ["Cookie": "login-session=\(session)"])?.status == 200)
        try await Task.sleep(for: .milliseconds(8500))
        // The provider answers a refresh without an ID token (which OpenID Connect allows): the claims last as long as the new access token.
        let refreshed = try #require(try await proxy.get("/b", headers: ["Cookie": "login-session=\(session)"]))
        #expect(refreshed.status == 200, "the expired claims were not refreshed: \(refreshed.status)")
        let renewed = try #require(Self.cookie("login-session", in: refreshed))
        #expect(renewed != session)
        #expect(try await proxy.get("/c", headers: ["Cookie": "login-session=\(renewed)"])?.status == 200)

        // The provider refuses the token request of a client with the wrong secret: no session.
        try "not-the-secret".write(toFile: "\(directory)/wrong", atomically: true, encoding: .utf8)
        let wrongPort = try FreePort.next()
        let wrongClient = try await provider.register(redirectURI: "http://127.0.0.1:\(wrongPort)/oauth2/callback")
        let wrong = try await ProxyFixture(dynamic: Self.configuration(app: app, issuer: provider.issuer, clientID: wrongClient.id,
                                                                     secretFile: "\(directory)/wrong"), webPort: wrongPort)
        let start = try #require(try await wrong.get("/x", host: "127.0.0.1:\(wrongPort)"))
        let back = try await provider.authorize(try #require(start.header("Location")), as: "alice")
        let state = try #require(Self.cookie("login-state", in: start))
        let refused = try #require(try await wrong.get(String(back.dropFirst("http://127.0.0.1:\(wrongPort)".count)),
                                                        headers: ["Cookie": "login-state=\(state)"]))
        #expect(refused.status == 401)
        #expect(Self.cookie("login-session", in: refused) == nil)

        await provider.stop()
        // The first cookie's claims have expired and the provider that would refresh them is gone: 503, not the app.
        #expect(try await proxy.get("/d", headers: ["Cookie": "login-session=\(session)"])?.status == 503)
        let fresh = try await ProxyFixture(dynamic: Self.configuration(app: app, issuer: provider.issuer, clientID: client.id,
                                                                     secretFile: "\(directory)/secret"))
        #expect(try await fresh.get("/e")?.status == 503)
        #expect(app.received.count == 3)
    }
}
