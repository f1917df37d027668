import NIOHTTP1
import TEEModel
import TEEProxy
import Testing

/// A request from `client`, with an optional `X-Forwarded-For`.
func request(from client: String, forwardedFor: String? = nil, host: String = "a.test") -> ProxyRequest {
    var headers = HTTPHeaders([("Host", host)])
    if let forwardedFor { headers.add(name: "X-Forwarded-For", value: forwardedFor) }
    return ProxyRequest(head: HTTPRequestHead(version: .http1_1, method: .GET, uri: "/", headers: headers),
                        entryPoint: "web", clientAddress: IPAddress(client), isTLS: false)
}

@Suite struct TrafficMiddlewareTests {
    @Test("ipAllowList by peer address, X-Forwarded-For depth and excludedIPs", arguments: [
        ("", "10.1.2.3", nil as String?, true),
        ("", "192.168.1.1", nil, false),
        ("", "192.168.1.1", "10.1.2.3", false),  // the header is ignored without an ipStrategy
        ("ipStrategy:\n    depth: 2", "192.168.1.1", "10.9.9.9, 10.1.2.3, 172.16.0.1", true),
        ("ipStrategy:\n    depth: 2", "192.168.1.1", "10.1.2.3, 172.16.0.1, 10.9.9.9", false),
        ("ipStrategy:\n    depth: 5", "10.1.1.1", "10.1.2.3", false),
        ("ipStrategy:\n    excludedIPs: [172.16.0.0/12]", "192.168.1.1", "10.1.2.3, 172.16.0.1, 172.16.0.2", true),
        ("ipStrategy:\n    excludedIPs: [172.16.0.0/12]", "192.168.1.1", "192.168.5.5, 172.16.0.1", false),
    ])
    func ipAllowList(strategy: String, client: String, forwardedFor: String?, allowed: Bool) throws {
        let list = try middleware("ipAllowList:\n  sourceRange: [10.0.0.0/8, \"2001:db8::/32\"]\n  \(strategy)")
        var proxied = request(from: client, forwardedFor: forwardedFor)
        let response = answer(of: list, to: &proxied)
        #expect((response == nil) == allowed)
        if !allowed { #expect(response?.status == .forbidden) }
    }

    @Test func ipAllowListRejectStatusCode() throws {
        let list = try middleware("ipAllowList:\n  sourceRange: [10.0.0.0/8]\n  rejectStatusCode: 404")
        var proxied = request(from: "192.168.1.1")
        #expect(answer(of: list, to: &proxied)?.status == .notFound)
    }

    @Test("rateLimit lets burst through, then 429 with Retry-After; sources are separate")
    func rateLimit() throws {
        let limiter = try middleware("rateLimit:\n  average: 1\n  period: 1m\n  burst: 3")
        for _ in 0..<3 {
            var proxied = request(from: "10.0.0.1")
            #expect(answer(of: limiter, to: &proxied) == nil)
        }
        var fourth = request(from: "10.0.0.1")
        let refused = try #require(answer(of: limiter, to: &fourth))
        #expect(refused.status == .tooManyRequests)
        #expect(Int(refused.headers.first(name: "Retry-After") ?? "") ?? 0 > 50)
        var other = request(from: "10.0.0.2")
        #expect(answer(of: limiter, to: &other) == nil)
    }

    @Test("rateLimit by request header and by host", arguments: [
        ("requestHeaderName: X-Api-Key", true), ("requestHost: true", false),
    ])
    func rateLimitCriteria(criterion: String, byHeader: Bool) throws {
        let limiter = try middleware("rateLimit:\n  average: 1\n  period: 1h\n  sourceCriterion:\n    \(criterion)")
        func attempt(key: String, host: String) -> Bool {
            var proxied = request(from: "10.0.0.1", host: host)
            proxied.head.headers.add(name: "X-Api-Key", value: key)
            return answer(of: limiter, to: &proxied) == nil
        }
        #expect(attempt(key: "a", host: "one.test"))
        #expect(attempt(key: byHeader ? "b" : "a", host: byHeader ? "one.test" : "two.test"))
        #expect(!attempt(key: "a", host: "one.test"))
    }

    @Test("inFlightReq admits amount per source and frees a slot when a request completes")
    func inFlight() throws {
        let limiter = try middleware("inFlightReq:\n  amount: 2")
        var first = request(from: "10.0.0.1")
        var second = request(from: "10.0.0.1")
        var third = request(from: "10.0.0.1")
        #expect(answer(of: limiter, to: &first) == nil)
        #expect(answer(of: limiter, to: &second) == nil)
        #expect(answer(of: limiter, to: &third)?.status == .tooManyRequests)
        var elsewhere = request(from: "10.0.0.2")
        #expect(answer(of: limiter, to: &elsewhere) == nil)
        first.complete(RequestOutcome(status: 200, duration: .milliseconds(1), upstreamFailed: false))
        var fourth = request(from: "10.0.0.1")
        #expect(answer(of: limiter, to: &fourth) == nil)
    }

    @Test("retry marks the request with its policy; waits double from initialInterval")
    func retryPolicy() throws {
        var proxied = request(from: "10.0.0.1")
        #expect(answer(of: try middleware("retry:\n  attempts: 4\n  initialInterval: 50ms"), to: &proxied) == nil)
        let policy = try #require(proxied.retryPolicy)
        #expect(policy.attempts == 4)
        #expect([2, 3, 4].map(policy.delay(beforeAttempt:)) == [.milliseconds(50), .milliseconds(100), .milliseconds(200)])
    }

    @Test("invalid settings are reported with key and line", arguments: [
        ("ipAllowList:\n  sourceRange: [10.0.0.0/33]", "dynamic.yaml:10: http.middlewares.m.ipAllowList.sourceRange: '10.0.0.0/33' is not an IP address"),
        ("ipAllowList:\n  sourceRange: []", "needs at least one IP address or range"),
        ("rateLimit:\n  average: -1", "dynamic.yaml:10: http.middlewares.m.rateLimit.average: must be at least 0"),
        ("rateLimit:\n  average: 5\n  sourceCriterion:\n    requestHost: true\n    requestHeaderName: X", "set only one of"),
        ("inFlightReq:\n  amount: 0", "http.middlewares.m.inFlightReq.amount: must be at least 1"),
        ("ipWhiteList:\n  sourceRange: [10.0.0.0/8]", "renamed ipAllowList"),
        ("retry:\n  attempts: 0", "http.middlewares.m.retry.attempts: must be at least 1"),
        ("retry:\n  initialInterval: 1s", "http.middlewares.m.retry: missing attempts"),
        ("forwardAuth:\n  trustForwardHeader: true", "http.middlewares.m.forwardAuth: missing address"),
        ("forwardAuth:\n  address: ftp://auth/check", "dynamic.yaml:10: http.middlewares.m.forwardAuth.address: 'ftp://auth/check' is not an http:// or https:// URL"),
        ("forwardAuth:\n  address: http://auth\n  forwardBody: true", "forwardBody is not supported"),
        ("forwardAuth:\n  address: http://auth\n  authResponseHeadersRegex: '^X-('", "authResponseHeadersRegex: invalid regular expression"),
        ("circuitBreaker:\n  expression: 'NetworkErrorRatio() >'", "dynamic.yaml:10: http.middlewares.m.circuitBreaker.expression: expected a number"),
    ])
    func invalid(yaml: String, message: String) {
        #expect {
            _ = try middleware(yaml)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}

extension TrafficMiddlewareTests {
    @Test("rateLimit with ipv6Subnet counts a whole IPv6 subnet as one source")
    func ipv6Subnet() throws {
        let limiter = try middleware("rateLimit:\n  average: 1\n  period: 1h\n  sourceCriterion:\n    ipStrategy:\n      ipv6Subnet: 64")
        var first = request(from: "2001:db8:1:2::1")
        var sameSubnet = request(from: "2001:db8:1:2::99")
        var otherSubnet = request(from: "2001:db8:1:3::1")
        #expect(answer(of: limiter, to: &first) == nil)
        #expect(answer(of: limiter, to: &sameSubnet)?.status == .tooManyRequests)
        #expect(answer(of: limiter, to: &otherSubnet) == nil)
    }
}
