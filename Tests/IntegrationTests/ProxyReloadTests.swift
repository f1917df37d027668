import Foundation
import Synchronization
import TEETesting
import Testing

@Suite("hot reload of a real tee-proxy")
struct ProxyReloadTests {
    static func configuration(backend: TestBackend, path: String) -> String {
        """
        http:
          routers:
            main:
              rule: "PathPrefix(`\(path)`)"
              service: s
          services:
            s:
              loadBalancer:
                servers: [{url: "\(backend.url)"}]
        """
    }

    @Test("a changed file takes effect; a broken one is rejected and the running configuration keeps serving")
    func watchedFile() async throws {
        let one = try await TestBackend(name: "one")
        let two = try await TestBackend(name: "two")
        defer { Task { await one.stop(); await two.stop() } }
        let proxy = try await ProxyFixture(dynamic: Self.configuration(backend: one, path: "/"))
        #expect(try await proxy.get("/x")?.field("backend") == "one")

        try await proxy.rewrite(Self.configuration(backend: two, path: "/"), expectGeneration: 2)
        #expect(try await proxy.get("/x")?.field("backend") == "two")

        try "http:\n  routers: [oops\n".write(toFile: proxy.dynamicPath, atomically: true, encoding: .utf8)
        #expect(await proxy.process.waitForLog("dynamic configuration rejected, previous one kept"))
        #expect(proxy.process.log.contains("\(proxy.dynamicPath):3"), "the rejection names file and line:\n\(proxy.process.log)")
        #expect(try await proxy.get("/x")?.field("backend") == "two")
    }

    @Test("SIGHUP reloads through the same path")
    func sighup() async throws {
        let one = try await TestBackend(name: "one")
        defer { Task { await one.stop() } }
        let proxy = try await ProxyFixture(dynamic: Self.configuration(backend: one, path: "/old"))
        #expect(try await proxy.get("/old")?.status == 200)
        proxy.process.send(SIGHUP)
        #expect(await proxy.process.waitForLog("Reload complete"))
        #expect(try await proxy.get("/old")?.status == 200)
    }

    @Test("a reload under continuous load fails no request")
    func reloadUnderLoad() async throws {
        let one = try await TestBackend(name: "one")
        let two = try await TestBackend(name: "two")
        defer { Task { await one.stop(); await two.stop() } }
        let proxy = try await ProxyFixture(dynamic: Self.configuration(backend: one, path: "/"))
        let stop = StopFlag()
        let port = proxy.webPort
        // Four clients, each on its own keep-alive connection, plus one opening a connection per
        // request; on threads of their own, since they block on their sockets.
        let clients = (0..<5).map { index in
            LoadClient(stop: stop) {
                var connection: TestConnection?
                return { () -> String? in
                    if index == 4 || connection == nil { connection = try? TestConnection(port: port) }
                    guard let current = connection, let response = try? current.getBlocking("/load/\(index)"), response.status == 200 else {
                        connection = nil
                        return "client \(index) failed"
                    }
                    return nil
                }
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        for generation in 2...5 {
            let backend = generation % 2 == 0 ? two : one
            try await proxy.rewrite(Self.configuration(backend: backend, path: "/"), expectGeneration: generation)
            try await Task.sleep(for: .milliseconds(200))
        }
        stop.set()
        var total = 0
        for client in clients {
            let result = await client.result()
            total += result.ok
            #expect(result.failed.isEmpty, "\(result.failed)")
        }
        #expect(total > 100, "only \(total) requests were made")
    }
}

/// Tells load-generating tasks to stop.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { self.flag.load(ordering: .relaxed) }
    func set() { self.flag.store(true, ordering: .relaxed) }
}

/// Runs one request after another on a thread of its own until told to stop.
final class LoadClient: Sendable {
    private let outcome = Mutex<(ok: Int, failed: [String], done: Bool)>((0, [], false))

    /// - Parameter makeRequest: builds the request function (it may keep a connection between calls);
    ///   the function returns nil on success or a description of the failure.
    init(stop: StopFlag, makeRequest: @escaping @Sendable () -> () -> String?) {
        Thread.detachNewThread { [self] in
            let request = makeRequest()
            while !stop.isSet {
                let failure = request()
                self.outcome.withLock { state in
                    if let failure { state.failed.append("\(failure) after \(state.ok) requests") } else { state.ok += 1 }
                }
            }
            self.outcome.withLock { $0.done = true }
        }
    }

    /// Waits for the thread to stop and returns its counts.
    func result() async -> (ok: Int, failed: [String]) {
        while !self.outcome.withLock({ $0.done }) { try? await Task.sleep(for: .milliseconds(10)) }
        return self.outcome.withLock { ($0.ok, $0.failed) }
    }
}
