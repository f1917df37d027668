import Foundation
import TEETesting
import Testing

/// `providers.docker` against a real engine: Podman's Docker-compatible API, real containers.
@Suite(.serialized) struct DockerProviderTests {
    /// The container that answered `host` (its page names it), or nil.
    static func answer(_ lab: ProviderLab, host: String) async -> String? {
        guard let response = try? await lab.proxy.get("/", host: host), response.status == 200 else { return nil }
        return response.body.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func answers(_ lab: ProviderLab, host: String, count: Int = 8) async -> Set<String> {
        var seen: Set<String> = []
        for _ in 0..<count { if let name = await Self.answer(lab, host: host) { seen.insert(name) } }
        return seen
    }

    @Test func containersAndTheirLabelsAreRoutedAndFollowed() async throws {
        let engine = try await PodmanEngine()
        let lab = try await ProviderLab(providers: """
              docker:
                endpoint: unix://\(engine.socket)
                exposedByDefault: false
            """)
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let labels = [
            "traefik.enable": "true",
            "traefik.http.routers.app.rule": "Host(`app.test`)",
            "traefik.http.routers.app.middlewares": "tag@file",
            "traefik.http.services.app.loadbalancer.server.port": "8080",
        ]
        // A container is routed, with the file provider's middleware.
        try await engine.run("app1-\(suffix)", labels: labels)
        #expect(await ClusterFixture.eventually(.seconds(10)) { await Self.answer(lab, host: "app.test") == "app1-\(suffix)" })
        #expect(await lab.served(host: "app.test").tagged)

        // A second container of the same service: both serve.
        try await engine.run("app2-\(suffix)", labels: labels)
        #expect(await ClusterFixture.eventually(.seconds(10)) { await Self.answers(lab, host: "app.test") == ["app1-\(suffix)", "app2-\(suffix)"] })

        // The default rule: a container with no router is served at Host(`name`).
        try await engine.run("plain-\(suffix)", labels: ["traefik.enable": "true", "traefik.http.services.plain.loadbalancer.server.port": "8080"])
        #expect(await ClusterFixture.eventually(.seconds(10)) { await Self.answer(lab, host: "plain-\(suffix)") == "plain-\(suffix)" })

        // Not enabled: not routed.
        try await engine.run("hidden-\(suffix)", labels: ["traefik.http.services.hidden.loadbalancer.server.port": "8080"])

        // A container whose labels do not load is reported; the others still serve.
        try await engine.run("bad-\(suffix)", labels: ["traefik.enable": "true", "traefik.http.routerz.x.rule": "Host(`bad.test`)"])
        #expect(await lab.proxy.process.waitForLog("docker/bad-\(suffix)"))
        #expect(await Self.answer(lab, host: "hidden-\(suffix)") == nil)

        // A container that stops leaves.
        try await engine.remove("app1-\(suffix)")
        #expect(await ClusterFixture.eventually(.seconds(10)) { await Self.answers(lab, host: "app.test") == ["app2-\(suffix)"] })

        // The engine goes away: the last good configuration stays; it comes back: followed again.
        await engine.stop()
        #expect(await lab.proxy.process.waitForLog("Provider docker:"))
        #expect(await Self.answers(lab, host: "app.test", count: 4) == ["app2-\(suffix)"])
        try await engine.remove("app2-\(suffix)")
        try await engine.start()
        #expect(await ClusterFixture.eventually(.seconds(15)) { await Self.answer(lab, host: "app.test") == nil })
        #expect(await Self.answer(lab, host: "plain-\(suffix)") == "plain-\(suffix)")
        await engine.shutdown()
    }
}
