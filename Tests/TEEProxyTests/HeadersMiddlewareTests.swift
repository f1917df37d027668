import NIOHTTP1
import TEEModel
import TEEProxy
import Testing

@Suite struct HeadersMiddlewareTests {
    static let cors = """
        headers:
          accessControlAllowMethods: [GET, OPTIONS, PUT]
          accessControlAllowHeaders: [X-Custom, Content-Type]
          accessControlAllowOriginList: ["https://app.test"]
          accessControlAllowOriginListRegex: ['^https://[a-z]+\\.example\\.test$']
          accessControlExposeHeaders: [X-Total]
          accessControlAllowCredentials: true
          accessControlMaxAge: 100
          addVaryHeader: true
        """

    @Test("CORS preflights are answered by the proxy", arguments: [
        ("https://app.test", "https://app.test" as String?),
        ("https://api.example.test", "https://api.example.test"),
        ("https://evil.test", nil),
    ])
    func preflight(origin: String, allowed: String?) throws {
        var proxied = request("a.test", "/x", method: .OPTIONS,
                              headers: [("Origin", origin), ("Access-Control-Request-Method", "PUT")])
        let response = try #require(answer(of: try middleware(Self.cors), to: &proxied))
        #expect(response.status == .ok)
        #expect(response.headers.first(name: "Access-Control-Allow-Methods") == "GET,OPTIONS,PUT")
        #expect(response.headers.first(name: "Access-Control-Allow-Headers") == "X-Custom,Content-Type")
        #expect(response.headers.first(name: "Access-Control-Allow-Credentials") == "true")
        #expect(response.headers.first(name: "Access-Control-Max-Age") == "100")
        #expect(response.headers.first(name: "Access-Control-Allow-Origin") == allowed)
    }

    @Test("CORS headers on ordinary responses, and OPTIONS without preflight headers goes through")
    func corsResponse() throws {
        let cors = try middleware(Self.cors)
        var proxied = request("a.test", "/x", headers: [("Origin", "https://app.test")])
        #expect(answer(of: cors, to: &proxied) == nil)
        var head = HTTPResponseHead(version: .http1_1, status: .ok)
        cors.handleResponse(&head, for: proxied)
        #expect(head.headers.first(name: "Access-Control-Allow-Origin") == "https://app.test")
        #expect(head.headers.first(name: "Access-Control-Expose-Headers") == "X-Total")
        #expect(head.headers.first(name: "Vary") == "Origin")
        var options = request("a.test", "/x", method: .OPTIONS)
        #expect(answer(of: cors, to: &options) == nil)
    }

    @Test("security headers", arguments: [
        ("stsSeconds: 31536000\n  stsIncludeSubdomains: true\n  stsPreload: true", true,
         "Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload" as String?),
        ("stsSeconds: 60", false, "Strict-Transport-Security", nil),  // only over TLS
        ("stsSeconds: 60\n  forceSTSHeader: true", false, "Strict-Transport-Security", "max-age=60"),
        ("frameDeny: true", false, "X-Frame-Options", "DENY"),
        ("frameDeny: true\n  customFrameOptionsValue: SAMEORIGIN", false, "X-Frame-Options", "SAMEORIGIN"),
        ("contentTypeNosniff: true", false, "X-Content-Type-Options", "nosniff"),
        ("browserXssFilter: true", false, "X-XSS-Protection", "1; mode=block"),
        ("contentSecurityPolicy: \"default-src 'self'\"", false, "Content-Security-Policy", "default-src 'self'"),
        ("referrerPolicy: no-referrer", false, "Referrer-Policy", "no-referrer"),
        ("permissionsPolicy: camera=()", false, "Permissions-Policy", "camera=()"),
    ])
    func security(settings: String, isTLS: Bool, header: String, expected: String?) throws {
        let headers = try middleware("headers:\n  \(settings)")
        var proxied = ProxyRequest(head: HTTPRequestHead(version: .http1_1, method: .GET, uri: "/", headers: ["Host": "a.test"]),
                                   entryPoint: "web", clientAddress: nil, isTLS: isTLS)
        #expect(answer(of: headers, to: &proxied) == nil)
        var head = HTTPResponseHead(version: .http1_1, status: .ok)
        headers.handleResponse(&head, for: proxied)
        #expect(head.headers.first(name: header) == expected)
    }

    @Test("allowedHosts answers other hosts with 500, honouring hostsProxyHeaders")
    func allowedHosts() throws {
        let headers = try middleware("headers:\n  allowedHosts: [a.test]\n  hostsProxyHeaders: [X-Forwarded-Host]")
        var good = request("a.test")
        #expect(answer(of: headers, to: &good) == nil)
        var bad = request("b.test")
        #expect(answer(of: headers, to: &bad)?.status == .internalServerError)
        var forwarded = request("b.test", headers: [("X-Forwarded-Host", "a.test")])
        #expect(answer(of: headers, to: &forwarded) == nil)
    }

    @Test func removedV2KeysSayWhatToUseInstead() {
        #expect(throws: (any Error).self) { try middleware("headers:\n  sslRedirect: true") }
    }
}
