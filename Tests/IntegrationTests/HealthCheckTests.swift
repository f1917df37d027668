import Foundation
import TEETesting
import Testing

@Suite("health checks of a real tee-proxy")
struct HealthCheckTests {
    /// The backends that answer `count` requests in a row.
    static func backends(of proxy: ProxyFixture, count: Int = 6) async throws -> Set<String> {
        var seen = Set<String>()
        for _ in 0..<count {
            if let name = try await proxy.get("/")?.field("backend") { seen.insert(name) }
        }
        return seen
    }

    /// Polls until the requests reach exactly `expected` (at most five seconds).
    static func waitFor(_ expected: Set<String>, proxy: ProxyFixture) async throws -> Bool {
        for _ in 0..<50 {
            if try await Self.backends(of: proxy) == expected { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test("a server failing its active check leaves the rotation and returns when it passes again")
    func active() async throws {
        let a = try await TestBackend(name: "a")
        let b = try await TestBackend(name: "b")
        defer { Task { await a.stop(); await b.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                app:
                  rule: "PathPrefix(`/`)"
                  service: app
              services:
                app:
                  loadBalancer:
                    healthCheck:
                      path: /health
                      interval: 200ms
                      timeout: 1s
                      headers:
                        X-Probe: "yes"
                    servers: [{url: "\(a.url)"}, {url: "\(b.url)"}]
            """)
        #expect(try await Self.waitFor(["a", "b"], proxy: proxy))
        b.healthStatus = 503
        #expect(try await Self.waitFor(["a"], proxy: proxy), "b stayed in the rotation:\n\(proxy.process.log)")
        #expect(proxy.process.log.contains("Health check failed; server leaves the rotation"))
        #expect(proxy.process.log.contains("answered 503"))
        b.healthStatus = 200
        #expect(try await Self.waitFor(["a", "b"], proxy: proxy), "b did not come back:\n\(proxy.process.log)")
        let probe = try #require(b.received.first { $0.uri == "/health" })
        #expect(probe.header("X-Probe") == "yes")
        #expect(probe.header("User-Agent") == "tee-health-check")
    }

    @Test("passiveHealthCheck takes a server that fails requests out of the rotation")
    func passive() async throws {
        let a = try await TestBackend(name: "a")
        defer { Task { await a.stop() } }
        let dead = "http://127.0.0.1:\(try FreePort.next())"
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                app:
                  rule: "PathPrefix(`/`)"
                  service: app
              services:
                app:
                  loadBalancer:
                    passiveHealthCheck:
                      failureWindow: 30s
                      maxFailedAttempts: 1
                    servers: [{url: "\(dead)"}, {url: "\(a.url)"}]
            """)
        var statuses: [Int] = []
        for _ in 0..<6 { statuses.append(Int(try await proxy.get("/")?.status ?? 0)) }
        #expect(statuses.filter { $0 == 502 }.count == 1, "\(statuses)")
        #expect(statuses.suffix(4).allSatisfy { $0 == 200 })
    }
}
