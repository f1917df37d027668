import Foundation
import TEETesting
import Testing

/// Providers in a cluster: only the leader runs them; its successor takes over and proxies keep
/// routing through the change; the API shows each provider's state.
@Suite(.serialized) struct ClusterProviderTests {
    /// The clients connected to Redis, besides the one asking.
    static func redisClients(_ store: RedisStore) async throws -> Int {
        let process = try DaemonProcess("/usr/bin/redis-cli", ["-p", "\(store.port)", "CLIENT", "LIST"])
        _ = await process.waitForExit()
        return process.log.split(separator: "\n").filter { !$0.contains("cmd=client") }.count
    }

    @Test func onlyTheLeaderRunsProvidersAndItsSuccessorTakesOver() async throws {
        let store = try await RedisStore()
        let staticConfig = try TemporaryDirectory.write("providers:\n\(store.settings)", named: "static.yaml")
        let cluster = try await ClusterFixture(staticConfig: staticConfig)
        let a = try await TestBackend(name: "a")
        let b = try await TestBackend(name: "b")
        let leader = try #require(await ClusterFixture.eventually { await cluster.leader() != nil } ? await cluster.leader() : nil)
        let proxy = try await cluster.startProxy("p1", preferring: (leader + 1) % 3)
        func served() async -> String? {
            guard let response = try? await TestConnection(port: proxy.webPort).get("/", host: "kv.test"), response.status == 200 else { return nil }
            return response.header("x-backend")
        }
        try await store.set("traefik/http/routers/kv/rule", "Host(`kv.test`)")
        try await store.set("traefik/http/routers/kv/service", "kv")
        try await store.set("traefik/http/services/kv/loadbalancer/servers/0/url", "http://127.0.0.1:\(a.port)")
        #expect(await ClusterFixture.eventually(.seconds(15)) { await served() == "a" }, "\(cluster.controllerLog(leader))")

        // One controller (the leader) reads the store: its two connections, commands and notifications.
        #expect(try await Self.redisClients(store) == 2)
        let providers = try #require(try await cluster.api("/api/v1/providers", via: (leader + 2) % 3))
        #expect(providers.body.contains("\"name\":\"redis\"") && providers.body.contains("\"status\":\"ok\""), "\(providers.body)")

        // A bad key: the API says so on every controller; the last good configuration stays.
        try await store.set("traefik/http/services/kv/loadbalancer/servers/3/url", "http://127.0.0.1:1")
        #expect(await ClusterFixture.eventually(.seconds(10)) {
            (try? await cluster.api("/api/v1/runtime", via: (leader + 1) % 3))?.body.contains("list indexes must run from 0") == true
        })
        #expect(await served() == "a")
        try await store.delete("traefik/http/services/kv/loadbalancer/servers/3")

        // The leader dies: proxies keep routing without a gap, another controller takes the providers over.
        await cluster.killController(leader)
        var misses = 0
        let deadline = ContinuousClock.now + .seconds(6)
        while ContinuousClock.now < deadline {
            if await served() != "a" { misses += 1 }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(misses == 0)
        let successor = try #require(await ClusterFixture.eventually(.seconds(10)) { await cluster.leader() != nil } ? await cluster.leader() : nil)
        #expect(successor != leader)
        try await store.set("traefik/http/services/kv/loadbalancer/servers/0/url", "http://127.0.0.1:\(b.port)")
        #expect(await ClusterFixture.eventually(.seconds(15)) { await served() == "b" }, "\(cluster.controllerLog(successor))")
        #expect(try await Self.redisClients(store) == 2)

        // The store goes away, then the leader too: the next leader cannot read the store and keeps
        // the documents the last one wrote (routes stay), saying why in the API.
        await store.stop()
        await cluster.killController(successor)
        let third = try #require(await ClusterFixture.eventually(.seconds(10)) {
            if let leader = await cluster.leader(), leader != successor { return true }
            return false
        } ? await cluster.leader() : nil)
        #expect(await ClusterFixture.eventually(.seconds(10)) {
            (try? await cluster.api("/api/v1/providers", via: third))?.body.contains("cannot connect to Redis") == true
        })
        var lost = 0
        for _ in 0..<20 {
            if await served() != "b" { lost += 1 }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(lost == 0)
    }
}
