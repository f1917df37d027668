import Foundation
import TEETesting
import Testing

/// `http.routers.NAME.observability` overrides the entry point's access logs, metrics and tracing for one router.
@Suite("a router's observability through a real tee-proxy", .enabled(if: OTLPCollector.isAvailable))
struct RouterObservabilityTests {
    @Test("a quiet router: no access-log line, no router or service metrics, no spans; a detailed one on a minimal entry point")
    func overrides() async throws {
        let collector = try await OTLPCollector()
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let metricsPort = try FreePort.next()
        let log = try TemporaryDirectory.make(prefix: "access") + "/access.json"
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                loud:
                  rule: "Host(`loud.test`)"
                  service: app
                  observability: {traceVerbosity: detailed}
                quiet:
                  rule: "Host(`quiet.test`)"
                  service: app
                  observability: {accessLogs: false, metrics: false, tracing: false}
              services:
                app: {loadBalancer: {servers: [{url: "\(backend.url)"}]}}
            """, entryPointExtra: """
              traefik:
                address: "127.0.0.1:\(metricsPort)"
            """, staticExtra: """
            accessLog: {filePath: \(log), format: json}
            metrics:
              prometheus: {addRoutersLabels: true}
            tracing:
              otlp: {http: {endpoint: "http://127.0.0.1:\(collector.httpPort)/v1/traces"}}
            """)
        #expect(try await proxy.get("/a", host: "loud.test")?.status == 200)
        #expect(try await proxy.get("/b", host: "quiet.test")?.status == 200)
        // Access log: the loud router's line only.
        let lines = await AccessLogTests.lines(log, count: 1)
        try? await Task.sleep(for: .milliseconds(300))
        let all = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n")
        #expect(lines.count == 1 && all.count == 1 && all[0].contains("loud@file"), "\(all)")
        // Metrics: the entry point counts both; the router and service metrics only the loud one.
        let text = try #require(try await TestConnection(port: metricsPort).get("/metrics")).body
        #expect(MetricsTests.sample("tee_entrypoint_requests_total", ["entrypoint": "web", "code": "200"], in: text) == 2, "\(text)")
        #expect(MetricsTests.sample("tee_router_requests_total", ["router": "loud@file"], in: text) == 1)
        #expect(MetricsTests.sample("tee_router_requests_total", ["router": "quiet@file"], in: text) == nil)
        #expect(MetricsTests.sample("tee_service_requests_total", ["service": "app@file"], in: text) == 1)
        // Traces: the loud router's, detailed though the entry point is minimal; none for the quiet one.
        let spans = await collector.waitForSpans(4)
        try? await Task.sleep(for: .seconds(1))
        let names = collector.spans.map(\.name).sorted()
        #expect(names == ["EntryPoint", "ReverseProxy", "Router", "Service"], "\(collector.spans)")
        #expect(spans.allSatisfy { $0.string("server.address") != "quiet.test" })
        let quiet = try #require(backend.received.first { $0.uri == "/b" })
        #expect(quiet.header("traceparent") == nil, "an untraced router's request carries no new context")
    }
}
