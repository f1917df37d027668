import Foundation
import NIOHTTP1
import TEEModel
import TEEProxy
import Testing

/// The middleware `m` of a dynamic configuration, built as a router would use it.
func middleware(_ yaml: String) throws -> any RequestMiddleware {
    let configuration = try DynamicConfigurationParser().parse("""
        http:
          routers:
            r:
              rule: "PathPrefix(`/`)"
              service: s
              middlewares: [m]
          middlewares:
            m:
        \(yaml.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
          services:
            s:
              loadBalancer:
                servers: [{url: "http://10.0.0.1:80"}]
        """, file: "dynamic.yaml")
    if let problem = configuration.problems.first { throw problem.error }
    let runtime = RuntimeBuilder.build(configuration, entryPoints: [EntryPointRouting(name: "web")])
    if let error = runtime.routerStatus["r@file"]?.errors.first { throw BuildError(message: error) }
    return try #require(runtime.route(request("a.test"))).middleware
}

struct BuildError: Error {
    let message: String
}

/// The response a middleware gives, or nil when it lets the request through.
func answer(of middleware: any RequestMiddleware, to proxied: inout ProxyRequest) -> SyntheticResponse? {
    if case .respond(let response) = middleware.handle(&proxied) { return response }
    return nil
}

@Suite struct MiddlewareTests {
    @Test("stripPrefix and addPrefix rewrite the path and keep the query", arguments: [
        (["/api"], "/api/users?x=1", "/users?x=1", "/api"),
        (["/api"], "/api", "/", "/api"),
        (["/v1", "/api"], "/api/v1/x", "/v1/x", "/api"),
        (["/api"], "/web/x", "/web/x", nil),
    ])
    func stripPrefix(prefixes: [String], uri: String, expected: String, forwardedPrefix: String?) {
        var proxied = request("a.test", uri)
        _ = StripPrefixMiddleware(prefixes: prefixes).handle(&proxied)
        #expect(proxied.head.uri == expected)
        #expect(proxied.head.headers.first(name: "X-Forwarded-Prefix") == forwardedPrefix)
    }

    @Test func addPrefix() {
        var proxied = request("a.test", "/users?x=1")
        _ = AddPrefixMiddleware(prefix: "/api").handle(&proxied)
        #expect(proxied.head.uri == "/api/users?x=1")
        #expect(proxied.path == "/api/users")
    }

    @Test func headersSetAndRemove() {
        let middleware = HeadersMiddleware(HeadersConfiguration(customRequestHeaders: [.init("X-Add", "1"), .init("X-Drop", "")],
                                                                customResponseHeaders: [.init("X-Frame-Options", "DENY"), .init("Server", "")]))
        var proxied = request("a.test", headers: [("X-Drop", "secret")])
        _ = middleware.handle(&proxied)
        #expect(proxied.head.headers.first(name: "X-Add") == "1")
        #expect(!proxied.head.headers.contains(name: "X-Drop"))
        var response = HTTPResponseHead(version: .http1_1, status: .ok, headers: HTTPHeaders([("Server", "nginx")]))
        middleware.handleResponse(&response, for: proxied)
        #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
        #expect(!response.headers.contains(name: "Server"))
    }

    @Test("redirectScheme", arguments: [
        (HTTPMethod.GET, true, nil as String?, "a.test:8080", 301, "https://a.test/x?y=1"),
        (.GET, false, "8443", "a.test", 302, "https://a.test:8443/x?y=1"),
        (.POST, true, nil, "a.test", 308, "https://a.test/x?y=1"),
        (.POST, false, "443", "a.test", 307, "https://a.test/x?y=1"),
    ])
    func redirectScheme(method: HTTPMethod, permanent: Bool, port: String?, host: String, status: Int, location: String) {
        var proxied = request(host, "/x?y=1", method: method)
        guard case .respond(let response) = RedirectSchemeMiddleware(scheme: "https", port: port, permanent: permanent).handle(&proxied) else {
            Issue.record("no redirect")
            return
        }
        #expect(response.status.code == UInt(status))
        #expect(response.headers.first(name: "Location") == location)
    }

    @Test("basicAuth with apr1, SHA1 and bcrypt hashes", arguments: [
        ("user:secret", true), ("user:wrong", false), ("other:pass", true), ("other:secret", false), ("nobody:x", false),
        ("bee:open sesame", true), ("bee:open sesame!", false),
    ])
    func basicAuth(credentials: String, accepted: Bool) throws {
        // htpasswd -nbm user secret (openssl passwd -apr1 -salt abcdefgh secret); htpasswd -nbs other pass.
        let middleware = try BasicAuthMiddleware(
            users: ["user:$apr1$abcdefgh$h9FWgUz3n9YxylKLlR5SQ/", "other:{SHA}nU4eI71bcnBGqeO0t9tXvY1u5oQ=",
                    "bee:$2y$05$0123456789abcdefghijku.ksaFl5HfwaQ1bG7PW.UIiu6SYBKdYS"],
            realm: "tee", headerField: "X-User", removeHeader: true
        )
        let encoded = Data(credentials.utf8).base64EncodedString()
        var proxied = request("a.test", headers: [("Authorization", "Basic \(encoded)")])
        switch middleware.handle(&proxied) {
        case .proceed:
            #expect(accepted)
            #expect(proxied.head.headers.first(name: "X-User") == String(credentials.split(separator: ":")[0]))
            #expect(!proxied.head.headers.contains(name: "Authorization"))
        case .respond(let response):
            #expect(!accepted)
            #expect(response.status == .unauthorized)
            #expect(response.headers.first(name: "WWW-Authenticate") == "Basic realm=\"tee\"")
        case .suspend:
            Issue.record("basicAuth never waits")
        }
    }

    @Test func aChainAnswerStillPassesEarlierResponseMiddlewares() {
        let chain = MiddlewareChain([
            HeadersMiddleware(HeadersConfiguration(customResponseHeaders: [.init("X-Seen", "yes")])),
            RedirectSchemeMiddleware(scheme: "https", port: nil, permanent: true),
        ])
        var proxied = request("a.test")
        guard case .respond(let response) = chain.handle(&proxied) else {
            Issue.record("no answer")
            return
        }
        #expect(response.headers.first(name: "X-Seen") == "yes")
    }
}

extension MiddlewareTests {
    @Test("digestAuth challenges, then accepts a response computed from its nonce", arguments: [
        ("wonderland", true), ("rabbit", false),
    ])
    func digestAuth(password: String, accepted: Bool) throws {
        let digest = try middleware("digestAuth:\n  users: ['alice:traefik:cc6292a804b584bcbd1657ddd96d47dc']")
        var first = request("a.test", "/x")
        let challenge = try #require(answer(of: digest, to: &first))
        #expect(challenge.status == .unauthorized)
        let fields = DigestAuthMiddleware.fields(of: String(try #require(challenge.headers.first(name: "WWW-Authenticate")).dropFirst(7)))
        let nonce = try #require(fields["nonce"])
        #expect(fields["realm"] == "traefik" && fields["qop"] == "auth")
        let ha1 = DigestAuthMiddleware.md5("alice:traefik:\(password)")
        let response = DigestAuthMiddleware.md5("\(ha1):\(nonce):00000001:abc:auth:\(DigestAuthMiddleware.md5("GET:/x"))")
        let header = "Digest username=\"alice\", realm=\"traefik\", nonce=\"\(nonce)\", uri=\"/x\", qop=auth, nc=00000001, "
            + "cnonce=\"abc\", response=\"\(response)\""
        var second = request("a.test", "/x", headers: [("Authorization", header)])
        #expect((answer(of: digest, to: &second) == nil) == accepted)
        var forged = request("a.test", "/x", headers: [("Authorization", header.replacingOccurrences(of: nonce, with: "1.deadbeef"))])
        #expect(answer(of: digest, to: &forged)?.status == .unauthorized)
    }
}
