import TEEModel
import Testing

/// A request for rule tests.
struct TestRequest: RoutableRequest {
    var host = "example.com"
    var path = "/"
    var method = "GET"
    var headers: [(String, String)] = []
    var query: [(String, String)] = []
    var clientIP = "192.0.2.10"

    func headerValues(_ name: String) -> [String] {
        self.headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1)
    }

    func queryValues(_ key: String) -> [String] {
        self.query.filter { $0.0 == key }.map(\.1)
    }

    var clientAddress: IPAddress? { IPAddress(self.clientIP) }
}

@Suite struct RuleTests {
    static let request = TestRequest(
        host: "api.example.com", path: "/api/v1/users", method: "POST",
        headers: [("Content-Type", "application/json"), ("X-Tags", "a"), ("X-Tags", "b")],
        query: [("page", "2"), ("debug", "")], clientIP: "10.1.2.3"
    )

    @Test("matchers", arguments: [
        ("Host(`api.example.com`)", true),
        ("Host(`API.Example.COM`)", true),
        ("Host(`example.com`)", false),
        ("Host(`*.example.com`)", true),
        ("Host(`*.com`)", false),
        ("HostRegexp(`^[a-z]+\\.example\\.com$`)", true),
        ("HostRegexp(`^www\\.`)", false),
        ("Path(`/api/v1/users`)", true),
        ("Path(`/api/v1`)", false),
        ("PathPrefix(`/api`)", true),
        ("PathPrefix(`/ap`)", true),
        ("PathPrefix(`/web`)", false),
        ("PathRegexp(`^/api/v[0-9]+/`)", true),
        ("PathRegexp(`^/v1`)", false),
        ("Method(`POST`)", true),
        ("Method(`post`)", true),
        ("Method(`GET`)", false),
        ("Header(`content-type`, `application/json`)", true),
        ("Header(`Content-Type`, `application`)", false),
        ("Header(`X-Tags`, `b`)", true),
        ("HeaderRegexp(`Content-Type`, `^application/`)", true),
        ("HeaderRegexp(`Accept`, `.*`)", false),
        ("Query(`page`, `2`)", true),
        ("Query(`page`, `3`)", false),
        ("Query(`debug`)", true),
        ("Query(`missing`)", false),
        ("QueryRegexp(`page`, `^[0-9]$`)", true),
        ("QueryRegexp(`page`, `^[a-z]$`)", false),
        ("ClientIP(`10.0.0.0/8`)", true),
        ("ClientIP(`10.1.2.3`)", true),
        ("ClientIP(`192.168.0.0/16`)", false),
        ("ClientIP(`::ffff:10.1.2.3`)", true),
    ])
    func matcher(rule: String, expected: Bool) throws {
        #expect(try RuleExpression.parse(rule).matches(Self.request) == expected)
    }

    @Test("operators and precedence", arguments: [
        ("Host(`api.example.com`) && PathPrefix(`/api`)", true),
        ("Host(`api.example.com`) && PathPrefix(`/web`)", false),
        ("Host(`x.org`) || PathPrefix(`/api`)", true),
        ("Host(`x.org`) || PathPrefix(`/web`)", false),
        ("!Method(`GET`)", true),
        ("!!Method(`GET`)", false),
        ("!(Method(`GET`) || Method(`PUT`))", true),
        ("Host(`x.org`) || Host(`api.example.com`) && Method(`GET`)", false),
        ("(Host(`x.org`) || Host(`api.example.com`)) && Method(`POST`)", true),
        ("Host(`x.org`) && Method(`GET`) || Method(`POST`)", true),
        ("Host(\"api.example.com\") && Path(\"/api/v1/users\")", true),
        ("Header(\"X-Quote\", \"a\\\"b\") || Method(`POST`)", true),
    ])
    func operators(rule: String, expected: Bool) throws {
        #expect(try RuleExpression.parse(rule).matches(Self.request) == expected)
    }

    @Test("syntax errors name the column and the problem", arguments: [
        ("", 1, "empty"),
        ("Host(`a`", 9, "closing )"),
        ("Host(`a`) && ", 14, "ends where a matcher"),
        ("Host(`a`) & Path(`/`)", 11, "doubled"),
        ("Hots(`a`)", 1, "unknown matcher 'Hots'"),
        ("Host(``)", 1, "empty argument"),
        ("Host(a)", 6, "strings in backticks"),
        ("Host(`a`, `b`)", 1, "Host takes 1 argument"),
        ("Path(`api`)", 1, "starting with /"),
        ("PathRegexp(`(`)", 1, "invalid regular expression"),
        ("ClientIP(`10.0.0.0/33`)", 1, "CIDR"),
        ("Host(`a`) Path(`/`)", 11, "join matchers"),
        ("Host(`a)", 6, "unterminated"),
        ("Header(`X`, `y`", 16, "closing )"),
    ])
    func syntaxError(rule: String, column: Int, message: String) {
        #expect {
            _ = try RuleExpression.parse(rule)
        } throws: { error in
            guard let error = error as? RuleSyntaxError else { return false }
            return error.column == column && error.message.contains(message)
        }
    }

    @Test("required hosts index Host routers", arguments: [
        ("Host(`a.com`)", [HostPattern.exact("a.com")]),
        ("Host(`a.com`) && PathPrefix(`/x`)", [.exact("a.com")]),
        ("PathPrefix(`/x`) && Host(`A.com`)", [.exact("a.com")]),
        ("Host(`a.com`) || Host(`*.b.com`)", [.exact("a.com"), .wildcard(suffix: ".b.com")]),
        ("Host(`a.com`) || PathPrefix(`/x`)", nil),
        ("!Host(`a.com`)", nil),
        ("PathPrefix(`/`)", nil),
    ])
    func requiredHosts(rule: String, expected: [HostPattern]?) throws {
        #expect(try RuleExpression.parse(rule).requiredHosts == expected)
    }

    @Test("host normalisation", arguments: [
        ("Example.COM:8080", "example.com"), ("example.com.", "example.com"), ("[::1]:443", "::1"), ("[::1]", "::1"), ("::1", "::1"),
    ])
    func hostNormalisation(header: String, expected: String) {
        #expect(HostPattern.normalise(header) == expected)
    }

    @Test("a Host header's host and port", arguments: [
        ("Example.com:8080", "Example.com", "8080"), ("example.com", "example.com", nil), ("example.com:", "example.com", ""),
        ("[::1]:80", "[::1]", "80"), ("[::1]", "[::1]", nil), ("::1", "::1", nil), ("[::1", "[::1", nil), ("", "", nil),
    ] as [(String, String, String?)])
    func hostAndPort(header: String, host: String, port: String?) {
        #expect(HostPattern.hostWithoutPort(header) == host)
        #expect(HostPattern.port(ofHost: header) == port)
    }

    @Test func ipv6Networks() throws {
        let network = try #require(IPNetwork("2001:db8::/32"))
        #expect(network.contains(try #require(IPAddress("2001:db8::1"))))
        #expect(!network.contains(try #require(IPAddress("2001:db9::1"))))
        #expect(!network.contains(try #require(IPAddress("10.0.0.1"))))
        #expect(IPNetwork("0.0.0.0/0")?.contains(try #require(IPAddress("8.8.8.8"))) == true)
    }
}
