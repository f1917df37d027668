import Foundation
import TEETesting
import Testing

/// `providers.redis`, `providers.etcd` and `providers.zooKeeper` against the real servers: keys
/// in Traefik's layout are routed, changes are followed, a bad key leaves the last good
/// configuration in service until it is fixed, and the store going away keeps what was served.
@Suite(.serialized) struct KeyValueProviderTests {
    @Test func redis() async throws { try await Self.follow(RedisStore()) }
    @Test func etcd() async throws { try await Self.follow(EtcdStore()) }
    @Test func zookeeper() async throws { try await Self.follow(ZooKeeperStore()) }

    static func follow(_ store: any KeyValueStore) async throws {
        let lab = try await ProviderLab(providers: store.settings)
        let name = store.provider
        try await store.set("traefik/http/routers/kv/rule", "Host(`kv.test`)")
        try await store.set("traefik/http/routers/kv/service", "kv")
        try await store.set("traefik/http/routers/kv/middlewares/0", "tag@file")
        try await store.set("traefik/http/services/kv/loadbalancer/servers/0/url", "http://127.0.0.1:\(lab.a.port)")
        #expect(await lab.waitUntil(host: "kv.test", servedBy: "a"), "\(lab.proxy.process.log)")
        #expect(await lab.served(host: "kv.test").tagged)

        // A change is followed.
        try await store.set("traefik/http/services/kv/loadbalancer/servers/0/url", "http://127.0.0.1:\(lab.b.port)")
        #expect(await lab.waitUntil(host: "kv.test", servedBy: "b"))

        // A key that breaks the document: the last good configuration stays, the error is logged; fixed, changes are followed again.
        try await store.set("traefik/http/services/kv/loadbalancer/servers/5/url", "http://127.0.0.1:1")
        #expect(await lab.proxy.process.waitForLog("Provider \(name): \(name)/keys: http.services.kv.loadbalancer.servers"))
        #expect(await lab.stays(host: "kv.test", servedBy: "b", for: .seconds(1)))
        try await store.delete("traefik/http/services/kv/loadbalancer/servers/5")
        try await store.set("traefik/http/services/kv/loadbalancer/servers/0/url", "http://127.0.0.1:\(lab.a.port)")
        #expect(await lab.waitUntil(host: "kv.test", servedBy: "a"))

        // The store goes away: still served; it comes back (Redis without its keys: they are written again): followed again.
        await store.stop()
        #expect(await lab.stays(host: "kv.test", servedBy: "a", for: .seconds(2)))
        try await store.start()
        try await store.set("traefik/http/routers/kv/rule", "Host(`kv.test`)")
        try await store.set("traefik/http/routers/kv/service", "kv")
        try await store.set("traefik/http/services/kv/loadbalancer/servers/0/url", "http://127.0.0.1:\(lab.b.port)")
        #expect(await lab.waitUntil(host: "kv.test", servedBy: "b", timeout: .seconds(20)))

        // Keys deleted: the router goes.
        try await store.delete("traefik/http/routers/kv")
        #expect(await lab.waitUntil(host: "kv.test", servedBy: nil))
        await store.stop()
    }
}
