import Foundation
import TEETesting
import Testing

/// Counts of one load run: requests let through and refused with 429.
private struct LoadCount: Sendable {
    var allowed = 0
    var limited = 0
}

@Suite("plugin.distributedRateLimit across a real cluster: three proxies on three controllers share one limit", .serialized)
struct ClusterRateLimitTimingTests {
    /// Sends `Host: rl.test` requests to `port` every `pause` for `duration`, on one keep-alive connection.
    private static func drive(_ port: Int, for duration: Duration, pause: Duration = .milliseconds(15)) async -> LoadCount {
        var count = LoadCount()
        let end = ContinuousClock.now + duration
        var connection = try? TestConnection(port: port, timeout: .seconds(2))
        while ContinuousClock.now < end {
            if connection == nil { connection = try? TestConnection(port: port, timeout: .seconds(2)) }
            switch try? await connection?.get("/", host: "rl.test") {
            case let response? where response.status == 200: count.allowed += 1
            case let response? where response.status == 429: count.limited += 1
            default: connection = nil
            }
            try? await Task.sleep(for: pause)
        }
        return count
    }

    /// Drives every proxy at once; the counts per proxy.
    private static func driveAll(_ ports: [Int], for duration: Duration, pauses: [Duration]? = nil) async -> [LoadCount] {
        await withTaskGroup(of: (Int, LoadCount).self) { group in
            for (index, port) in ports.enumerated() {
                group.addTask { (index, await Self.drive(port, for: duration, pause: pauses?[index] ?? .milliseconds(15))) }
            }
            var counts = Array(repeating: LoadCount(), count: ports.count)
            for await (index, count) in group { counts[index] = count }
            return counts
        }
    }

    @Test("the cluster lets through the limit (within 10 %), not three times it; cut off from the controllers, each proxy limits alone")
    func sharedLimit() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let cluster = try await ClusterFixture()
        let proxies = [try await cluster.startProxy("p1", preferring: 0), try await cluster.startProxy("p2", preferring: 1),
                       try await cluster.startProxy("p3", preferring: 2)]
        let leader = try #require(await ClusterFixture.eventually { await cluster.leader() != nil } ? await cluster.leader() : nil)
        let applied = try #require(try await cluster.apply("""
            http:
              routers:
                limited:
                  rule: "Host(`rl.test`)"
                  service: app
                  middlewares: [shared]
              middlewares:
                shared:
                  plugin:
                    distributedRateLimit:
                      limit: 20
                      period: 1s
                      burst: 5
                      responseHeaders: true
                      sourceCriterion:
                        requestHost: true
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """, via: leader))
        #expect(applied.status == 200, "\(applied.body)")
        for proxy in proxies {
            #expect(await ClusterFixture.eventually {
                (try? await TestConnection(port: proxy.webPort, timeout: .seconds(2)).get("/", host: "rl.test"))?.status == 200
            }, "\(proxy.name):\n\(cluster.proxyLog(proxy.name))")
        }
        let answer = try #require(try await TestConnection(port: proxies[0].webPort).get("/", host: "rl.test"))
        #expect(answer.header("X-Rate-Limit-Limit") == "20")
        #expect(answer.header("X-Rate-Limit-Period") == "1")

        // Warm up (each proxy learns the others' demand), then count: about 20 a second in all.
        _ = await Self.driveAll(proxies.map(\.webPort), for: .seconds(2))
        let seconds = 5.0
        let shared = await Self.driveAll(proxies.map(\.webPort), for: .seconds(5))
        let allowed = shared.map(\.allowed).reduce(0, +)
        let offered = allowed + shared.map(\.limited).reduce(0, +)
        #expect(offered > 200, "the load was too light to test the limit: \(offered) requests")
        #expect(abs(Double(allowed) - 20 * seconds) <= 0.1 * 20 * seconds, "\(allowed) let through in \(seconds) s, per proxy \(shared.map(\.allowed))")
        #expect(shared.allSatisfy { $0.allowed > 0 }, "a proxy was starved: \(shared.map(\.allowed))")

        // Uneven load (p1 offered about five times what the others are): still about the limit in all, shared by demand.
        let uneven = await Self.driveAll(proxies.map(\.webPort), for: .seconds(5), pauses: [.milliseconds(3), .milliseconds(30), .milliseconds(30)])
        let unevenAllowed = uneven.map(\.allowed).reduce(0, +)
        #expect(abs(Double(unevenAllowed) - 20 * seconds) <= 0.1 * 20 * seconds, "\(unevenAllowed) let through, per proxy \(uneven.map(\.allowed))")
        #expect(uneven[0].allowed > uneven[1].allowed + uneven[2].allowed, "the busiest proxy did not get the biggest share: \(uneven.map(\.allowed))")

        // Every controller gone: each proxy limits alone, at the whole limit.
        for index in 0..<3 { await cluster.killController(index) }
        try await Task.sleep(for: .seconds(1))
        let alone = await Self.driveAll(proxies.map(\.webPort), for: .seconds(3))
        for (proxy, count) in zip(proxies, alone) {
            #expect(count.allowed >= 45 && count.allowed <= 70, "\(proxy.name) let through \(count.allowed) in 3 s alone")
        }
    }
}
