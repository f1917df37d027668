import NIOHTTP1
import TEEModel
import TEEProxy
import Testing

@Suite struct PathMiddlewareTests {
    @Test("stripPrefixRegex", arguments: [
        ("/api/v1/users?x=1", "/users?x=1", "/api/v1" as String?),
        ("/api/v22/users", "/users", "/api/v22"),
        ("/api/vx/users", "/api/vx/users", nil),
        ("/other/api/v1/users", "/other/api/v1/users", nil),  // only at the start
        ("/api/v1", "/", "/api/v1"),
    ])
    func stripPrefixRegex(uri: String, expected: String, prefix: String?) throws {
        let stripper = try middleware("stripPrefixRegex:\n  regex: ['/api/v[0-9]+']")
        var proxied = request("a.test", uri)
        #expect(answer(of: stripper, to: &proxied) == nil)
        #expect(proxied.head.uri == expected)
        #expect(proxied.head.headers.first(name: "X-Forwarded-Prefix") == prefix)
    }

    @Test func replacePath() throws {
        var proxied = request("a.test", "/old/path?q=1")
        _ = answer(of: try middleware("replacePath:\n  path: /new"), to: &proxied)
        #expect(proxied.head.uri == "/new?q=1")
        #expect(proxied.head.headers.first(name: "X-Replaced-Path") == "/old/path")
    }

    @Test("replacePathRegex with Go's $1 and ${name}", arguments: [
        ("^/foo/(.*)", "/bar/$1", "/foo/a/b?x=1", "/bar/a/b?x=1", "/foo/a/b" as String?),
        ("^/users/(?<id>[0-9]+)$", "/u/${id}/profile", "/users/42", "/u/42/profile", "/users/42"),
        ("^/foo/(.*)", "/bar/$1", "/other", "/other", nil),
        ("o", "0", "/foo/bo", "/f00/b0", "/foo/bo"),  // every match, as ReplaceAllString
        ("^/(.*)", "$$1-$1", "/x", "/$1-x", "/x"),
    ])
    func replacePathRegex(regex: String, replacement: String, uri: String, expected: String, replaced: String?) throws {
        let rewriter = try middleware("replacePathRegex:\n  regex: '\(regex)'\n  replacement: '\(replacement)'")
        var proxied = request("a.test", uri)
        _ = answer(of: rewriter, to: &proxied)
        #expect(proxied.head.uri == expected)
        #expect(proxied.head.headers.first(name: "X-Replaced-Path") == replaced)
    }

    @Test("redirectRegex", arguments: [
        (HTTPMethod.GET, false, "http://a.test/old/x?y=1", 302, "https://b.test/new/x?y=1" as String?),
        (.GET, true, "http://a.test/old/x", 301, "https://b.test/new/x"),
        (.POST, false, "http://a.test/old/x", 307, "https://b.test/new/x"),
        (.GET, false, "http://a.test/kept", 0, nil),
    ])
    func redirectRegex(method: HTTPMethod, permanent: Bool, url: String, status: Int, location: String?) throws {
        let redirector = try middleware("""
            redirectRegex:
              regex: '^http://a\\.test/old/(.*)'
              replacement: 'https://b.test/new/${1}'
              permanent: \(permanent)
            """)
        let path = String(url.dropFirst("http://a.test".count))
        var proxied = request("a.test", path, method: method)
        let response = answer(of: redirector, to: &proxied)
        #expect(response?.status.code ?? 0 == UInt(status))
        #expect(response?.headers.first(name: "Location") == location)
    }

    @Test("invalid settings disable the router with the key and line", arguments: [
        ("stripPrefixRegex:\n  regex: ['/api/(']", "dynamic.yaml:10: http.middlewares.m.stripPrefixRegex.regex: invalid regular expression"),
        ("replacePath:\n  path: relative", "dynamic.yaml:10: http.middlewares.m.replacePath.path: the path must start with /"),
        ("replacePathRegex:\n  regex: '^/x'", "dynamic.yaml:9: http.middlewares.m.replacePathRegex: missing replacement"),
        ("redirectRegex:\n  regex: '[z-a]'\n  replacement: x", "http.middlewares.m.redirectRegex.regex: invalid regular expression"),
    ])
    func invalid(yaml: String, message: String) {
        #expect {
            _ = try middleware(yaml)
        } throws: { error in
            "\(error)".hasPrefix(message) || "\(error)".contains(message)
        }
    }
}
