import TEEModel
import TEEProxy
import Testing

@Suite struct LoadBalancingTests {
    @Test("smooth weighted round robin", arguments: [
        ([3, 1], [0, 0, 1, 0, 0, 0, 1, 0]),
        ([1, 1, 1], [0, 1, 2, 0, 1, 2]),
        ([5, 1, 1], [0, 0, 1, 0, 2, 0, 0]),
        ([0, 2], [1, 1, 1]),
    ])
    func order(weights: [Int], expected: [Int]) {
        var rotation = SmoothWeightedRoundRobin(weights: weights)
        #expect((0..<expected.count).map { _ in rotation.next()! } == expected)
    }

    @Test func unhealthyServersAreSkipped() {
        var rotation = SmoothWeightedRoundRobin(weights: [1, 1, 1])
        let picks = (0..<4).map { _ in rotation.next { $0 != 1 }! }
        #expect(!picks.contains(1))
        #expect(rotation.next { _ in false } == nil)
    }

    @Test func failoverUsesTheFallbackWhileTheMainServiceIsDown() throws {
        let main = UpstreamServer(url: try #require(UpstreamURL(parsing: "http://10.0.0.1")), weight: 1, transport: UpstreamTransport())
        let backup = UpstreamServer(url: try #require(UpstreamURL(parsing: "http://10.0.0.2")), weight: 1, transport: UpstreamTransport())
        let failover = FailoverService(main: LoadBalancerService(servers: [main], passHostHeader: true, sticky: nil),
                                       fallback: LoadBalancerService(servers: [backup], passHostHeader: true, sticky: nil))
        #expect(failover.select(for: request("a.test"))?.server === main)
        main.passesActiveCheck = false
        #expect(failover.select(for: request("a.test"))?.server === backup)
        backup.passesActiveCheck = false
        #expect(failover.select(for: request("a.test")) == nil)
    }

    @Test("server URLs", arguments: [
        ("http://10.0.0.1:8080", "http", "10.0.0.1", 8080, ""),
        ("https://example.com", "https", "example.com", 443, ""),
        ("http://[::1]:81/base", "http", "::1", 81, "/base"),
        ("h2c://svc", "h2c", "svc", 80, ""),
    ])
    func urls(text: String, scheme: String, host: String, port: Int, path: String) throws {
        let url = try #require(UpstreamURL(parsing: text))
        #expect(url.scheme == scheme && url.host == host && url.port == port && url.path == path)
    }

    @Test("bad server URLs", arguments: ["10.0.0.1:80", "ftp://x", "http://", "http://x:0", "http://x:99999", "http://[::1"])
    func badURLs(text: String) {
        #expect(UpstreamURL(parsing: text) == nil)
    }
}
