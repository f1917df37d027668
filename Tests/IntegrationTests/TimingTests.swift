import Foundation
import TEETesting
import Testing

/// Behaviour that depends on time passing (timeouts, a busy server, a breaker's fallback): run by
/// `scripts/test` in a pass of its own, after the many parallel tests, so a loaded machine does not
/// stretch the waits past what they assert. Margins are still wide: each asserts what could not
/// happen if the feature were missing, not how fast it happens.
@Suite("timing-sensitive behaviour of a real tee-proxy")
struct TimingTests {
    @Test("slowloris: a client trickling its head is closed at readTimeout while others are served")
    func slowloris() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend, entryPointExtra: """
                transport:
                  respondingTimeouts:
                    readTimeout: 600ms
            """)
        // One sends a line every 200 ms for up to 16 s, never the blank line; one connects and says
        // nothing. A timer reset by each line would never close the trickler.
        let trickler = try TestConnection(port: proxy.webPort, timeout: .seconds(20))
        let silent = try TestConnection(port: proxy.webPort, timeout: .seconds(20))
        try await trickler.send("GET / HTTP/1.1\r\nHost: x\r\n")
        // Others are served meanwhile.
        #expect(try await proxy.get("/meanwhile")?.status == 200)
        var linesSent = 0
        for index in 0..<80 {
            try await Task.sleep(for: .milliseconds(200))
            do {
                try await trickler.send("X-Slow-\(index): y\r\n")
                linesSent += 1
            } catch {
                break
            }
        }
        let (_, closed) = await trickler.readBytesUntilClose()
        #expect(closed, "the trickling client was never closed")
        #expect(linesSent < 60, "the trickler was cut only after \(linesSent) lines (200 ms apart, readTimeout 600 ms)")
        let (silentBytes, silentClosed) = await silent.readBytesUntilClose()
        #expect(silentClosed && silentBytes.isEmpty, "a connection that sends nothing is closed at readTimeout too")
        #expect(backend.received.map(\.uri) == ["/meanwhile"])
    }

    @Test("circuitBreaker opens on injected 5xx, stops sending to the server, and recovers")
    func circuitBreaker() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                guarded:
                  rule: "PathPrefix(`/`)"
                  service: app
                  middlewares: [breaker]
              middlewares:
                breaker:
                  circuitBreaker:
                    expression: "ResponseCodeRatio(500, 600, 0, 600) > 0.5"
                    checkPeriod: 10ms
                    fallbackDuration: 6s
                    recoveryDuration: 100ms
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """)
        let connection = try proxy.connect()
        backend.healthStatus = 500
        #expect(try await connection.get("/health")?.status == 500)
        var opened = false
        for _ in 0..<200 where !opened {
            try await Task.sleep(for: .milliseconds(15))
            opened = try await connection.get("/health")?.status == 503
        }
        #expect(opened, "the breaker did not open")
        let openedAt = ContinuousClock.now
        let reached = backend.received.count
        let whileOpen = [try await connection.get("/health")?.status, try await connection.get("/health")?.status]
        // Only meaningful while the fallback lasts; a machine stalled past it proves nothing either way.
        if ContinuousClock.now - openedAt < .seconds(5) {
            #expect(whileOpen == [503, 503])
            #expect(backend.received.count == reached, "the open breaker still sent requests to the server")
        }
        backend.healthStatus = 200
        // After the fallback and the recovery it closes again.
        var recent: [Int] = []
        for _ in 0..<400 where recent.suffix(3) != [200, 200, 200] {
            try await Task.sleep(for: .milliseconds(50))
            recent.append(Int(try await connection.get("/health")?.status ?? 0))
        }
        #expect(recent.suffix(3) == [200, 200, 200], "\(recent.suffix(10))")
    }

    @Test("p2c sends new requests away from the server busy with one")
    func powerOfTwoChoices() async throws {
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
                    strategy: p2c
                    servers: [{url: "\(a.url)"}, {url: "\(b.url)"}]
            """)
        let busy = try TestConnection(port: proxy.webPort, timeout: .seconds(30))
        // Long enough that the quick requests below end before it, even on a busy machine.
        try await busy.send("GET /slow/8000 HTTP/1.1\r\nHost: x\r\n\r\n")
        // Until the slow request has reached its server.
        for _ in 0..<1000 where a.received.count + b.received.count == 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(a.received.count + b.received.count == 1, "the slow request did not reach a server")
        let busyServer = a.received.isEmpty ? "b" : "a"
        let quickStart = ContinuousClock.now
        var quick: [String] = []
        for _ in 0..<6 { quick.append(try await proxy.get("/quick")?.field("backend") ?? "?") }
        if ContinuousClock.now - quickStart < .seconds(6) {
            #expect(quick.allSatisfy { $0 != busyServer }, "\(quick), busy: \(busyServer)")
        }
        #expect(await busy.readResponse()?.field("backend") == busyServer)
        // Once the slow request is done, both servers get requests again.
        var after = Set<String>()
        for _ in 0..<20 { after.insert(try await proxy.get("/quick")?.field("backend") ?? "?") }
        #expect(after == ["a", "b"])
    }
}
