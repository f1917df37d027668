import Foundation
import TEETesting
import Testing

@Suite("Prometheus metrics of a real tee-proxy")
struct MetricsTests {
    /// The value of the sample `name` whose labels include every pair of `labels`.
    static func sample(_ name: String, _ labels: [String: String], in exposition: String) -> Double? {
        for line in exposition.split(separator: "\n") where line.hasPrefix(name + "{") || line.hasPrefix(name + " ") {
            let matches = labels.allSatisfy { key, value in line.contains("\(key)=\"\(value)\"") }
            if matches, let value = line.split(separator: " ").last.flatMap({ Double($0) }) { return value }
        }
        return nil
    }

    @Test("requests by entry point, router and service; reloads; open connections")
    func metrics() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let metricsPort = try FreePort.next()
        let dynamic = """
            http:
              routers:
                app:
                  rule: "Host(`app.test`)"
                  service: app
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """
        let proxy = try await ProxyFixture(dynamic: dynamic, entryPointExtra: """
              traefik:
                address: "127.0.0.1:\(metricsPort)"
            """, staticExtra: """
            metrics:
              prometheus:
                addRoutersLabels: true
                buckets: [0.5, 2]
            """)
        let connection = try proxy.connect()
        #expect(try await connection.get("/one", host: "app.test")?.status == 200)
        #expect(try await connection.get("/two", host: "app.test")?.status == 200)
        #expect(try await proxy.get("/missing", host: "nothing.test")?.status == 404)
        try await proxy.rewrite(dynamic + "\n# touched\n", expectGeneration: 2)

        let response = try #require(try await TestConnection(port: metricsPort).get("/metrics"))
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = response.body
        let ok = ["code": "200", "method": "GET", "protocol": "http"]
        #expect(Self.sample("tee_entrypoint_requests_total", ok.merging(["entrypoint": "web"]) { $1 }, in: text) == 2, "\(text)")
        #expect(Self.sample("tee_entrypoint_requests_total", ["code": "404", "entrypoint": "web"], in: text) == 1)
        #expect(Self.sample("tee_router_requests_total", ok.merging(["router": "app@file", "service": "app@file"]) { $1 }, in: text) == 2)
        #expect(Self.sample("tee_service_requests_total", ok.merging(["service": "app@file"]) { $1 }, in: text) == 2)
        #expect(Self.sample("tee_service_request_duration_seconds_bucket", ["service": "app@file", "le": "0.5"], in: text) == 2)
        #expect(Self.sample("tee_service_request_duration_seconds_count", ["service": "app@file"], in: text) == 2)
        #expect(Self.sample("tee_entrypoint_responses_bytes_total", ok.merging(["entrypoint": "web"]) { $1 }, in: text).map { $0 > 0 } == true)
        // The 404 matched no router, so it counts for the entry point only.
        #expect(Self.sample("tee_router_requests_total", ["code": "404"], in: text) == nil)
        // The first load and the rewrite.
        #expect(Self.sample("tee_config_reloads_total", [:], in: text) == 2)
        #expect(Self.sample("tee_config_last_reload_success", [:], in: text).map { $0 > 1_700_000_000 } == true)
        // The keep-alive connection above is still open, as is the one asking for /metrics.
        #expect(Self.sample("tee_open_connections", ["entrypoint": "web", "protocol": "TCP"], in: text) == 1)
        #expect(Self.sample("tee_open_connections", ["entrypoint": "traefik"], in: text) == 1)
        // /metrics is only on its own entry point.
        #expect(try await proxy.get("/metrics")?.status == 404)
    }

    @Test("a rejected reload is counted as a failure")
    func failedReload() async throws {
        let metricsPort = try FreePort.next()
        let proxy = try await ProxyFixture(dynamic: "http: {}\n", entryPointExtra: """
              traefik:
                address: "127.0.0.1:\(metricsPort)"
            """, staticExtra: "metrics:\n  prometheus: {}\n")
        try "http: [\n".write(toFile: proxy.dynamicPath, atomically: true, encoding: .utf8)
        #expect(await proxy.process.waitForLog("previous one kept"))
        let text = try #require(try await TestConnection(port: metricsPort).get("/metrics")).body
        #expect(Self.sample("tee_config_reloads_total", [:], in: text) == 2, "\(text)")
        #expect(Self.sample("tee_config_reloads_failure_total", [:], in: text) == 1)
    }
}
