import Foundation
import TEETesting
import Testing

/// OpenTelemetry traces of a real tee-proxy, received by a real OTLP collector process.
@Suite("tracing of a real tee-proxy", .enabled(if: OTLPCollector.isAvailable))
struct TracingTests {
    /// A router with two middlewares in front of `backend`.
    static func dynamic(_ backend: String) -> String {
        """
        http:
          routers:
            app:
              rule: "Host(`app.test`) && PathPrefix(`/api`)"
              service: app
              middlewares: [strip, tag]
          middlewares:
            strip:
              stripPrefix: {prefixes: ["/api"]}
            tag:
              headers: {customRequestHeaders: {X-Tag: "traced"}}
          services:
            app:
              loadBalancer:
                servers: [{url: "\(backend)"}]
        """
    }

    @Test("detailed: entry point, router, each middleware, service and the client span, continuing the caller's trace over OTLP/HTTP")
    func detailed() async throws {
        let collector = try await OTLPCollector()
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: Self.dynamic(backend.url), entryPointExtra: """
                observability: {traceVerbosity: detailed}
            """, staticExtra: """
            tracing:
              serviceName: edge
              resourceAttributes: {deployment.environment: test}
              capturedRequestHeaders: [X-Request-Id]
              capturedResponseHeaders: [X-Backend]
              safeQueryParams: [page]
              otlp:
                http:
                  endpoint: http://127.0.0.1:\(collector.httpPort)/v1/traces
            """)
        let callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
        let callerSpan = "00f067aa0ba902b7"
        let response = try await proxy.get("/api/items?page=2&token=secret", host: "app.test", headers: [
            "traceparent": "00-\(callerTrace)-\(callerSpan)-01", "X-Request-Id": "r-42",
        ])
        #expect(response?.status == 200)
        let spans = await collector.waitForSpans(6)
        try #require(spans.count == 6, "spans: \(spans)\nproxy:\n\(proxy.process.log)\ncollector:\n\(collector.process.log)")
        func span(_ name: String) throws -> OTLPCollector.Span { try #require(spans.first { $0.name == name }, "no \(name) in \(spans)") }
        let entry = try span("EntryPoint"), router = try span("Router"), strip = try span("StripPrefix"), tag = try span("Headers")
        let service = try span("Service"), client = try span("ReverseProxy")
        // One trace, the caller's, each span inside the one before.
        #expect(spans.allSatisfy { $0.traceId == callerTrace && $0.transport == "http" && $0.service == "edge" })
        #expect(entry.parentSpanId == callerSpan && entry.kind == "server")
        #expect(router.parentSpanId == entry.spanId && router.kind == "internal")
        #expect(strip.parentSpanId == router.spanId)
        #expect(tag.parentSpanId == strip.spanId)
        #expect(service.parentSpanId == tag.spanId)
        #expect(client.parentSpanId == service.spanId && client.kind == "client")
        // The server got the client span's context.
        let received = try #require(backend.received.first)
        #expect(received.header("traceparent") == "00-\(callerTrace)-\(client.spanId)-01")
        // Traefik's attribute names.
        #expect(entry.string("entry_point") == "web")
        #expect(entry.string("http.request.method") == "GET")
        #expect(entry.string("url.path") == "/api/items")
        #expect(entry.string("url.query") == "page=2&token=REDACTED")
        #expect(entry.string("server.address") == "app.test")
        #expect(entry.string("client.address") == "127.0.0.1")
        #expect(entry.int("http.response.status_code") == 200)
        if case .list(let values) = entry.attributes["http.request.header.x-request-id"] { #expect(values == ["r-42"]) } else {
            Issue.record("no captured request header: \(entry.attributes.keys.sorted())")
        }
        if case .list(let values) = entry.attributes["http.response.header.x-backend"] { #expect(values == ["b"]) } else {
            Issue.record("no captured response header: \(entry.attributes.keys.sorted())")
        }
        #expect(router.string("traefik.router.name") == "app@file")
        #expect(router.string("traefik.service.name") == "app@file")
        #expect(router.string("http.route") == "Host(`app.test`) && PathPrefix(`/api`)")
        #expect(strip.string("traefik.middleware.name") == "strip@file")
        #expect(tag.string("traefik.middleware.name") == "tag@file")
        #expect(service.string("traefik.service.name") == "app@file")
        #expect(client.string("url.full") == "\(backend.url)/items?page=2&token=secret")
        #expect(client.int("server.port") == backend.port)
        #expect(client.int("http.response.status_code") == 200)
        #expect(spans.allSatisfy { $0.status == 0 })
        let resource = try String(contentsOfFile: collector.output, encoding: .utf8)
        #expect(resource.contains("\"deployment.environment\": \"test\""))
    }

    @Test("minimal (Traefik's default) over OTLP/gRPC: a new trace, errors marked, an entry point that does not trace")
    func minimalOverGRPC() async throws {
        let collector = try await OTLPCollector()
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let quietPort = try FreePort.next()
        let dynamic = """
            http:
              routers:
                app: {rule: "Host(`app.test`) && PathPrefix(`/api`)", service: app}
                down: {rule: "Host(`down.test`)", service: down}
              services:
                app: {loadBalancer: {servers: [{url: "\(backend.url)"}]}}
                down: {loadBalancer: {servers: [{url: "http://127.0.0.1:1"}]}}
            """
        let proxy = try await ProxyFixture(dynamic: dynamic,
            entryPointExtra: """
              quiet:
                address: "127.0.0.1:\(quietPort)"
                observability: {tracing: false}
            """, staticExtra: """
            tracing:
              otlp:
                grpc: {endpoint: "127.0.0.1:\(collector.grpcPort)", insecure: true}
            """)
        #expect(try await proxy.get("/api/a", host: "app.test")?.status == 200)
        #expect(try await proxy.get("/nowhere", host: "other.test")?.status == 404)
        #expect(try await proxy.get("/", host: "down.test")?.status == 502)
        let quiet = try TestConnection(port: quietPort)
        #expect(try await quiet.get("/api/q", host: "app.test")?.status == 200)
        let spans = await collector.waitForSpans(5)
        try? await Task.sleep(for: .seconds(1))  // a span of the quiet entry point would have arrived too
        let all = collector.spans
        try #require(all.count == 5, "spans: \(all)\nproxy:\n\(proxy.process.log)\ncollector:\n\(collector.process.log)")
        #expect(spans.allSatisfy { $0.transport == "grpc" && $0.service == "tee" })
        #expect(!all.contains { $0.string("url.path") == "/api/q" }, "the quiet entry point traced")
        let entries = all.filter { $0.name == "EntryPoint" }
        #expect(entries.count == 3 && entries.allSatisfy { $0.parentSpanId.isEmpty })
        #expect(!all.contains { ["Router", "Service", "StripPrefix"].contains($0.name) }, "minimal has no internal spans")
        let ok = try #require(entries.first { $0.string("url.path") == "/api/a" })
        let okClient = try #require(all.first { $0.name == "ReverseProxy" && $0.traceId == ok.traceId })
        #expect(okClient.parentSpanId == ok.spanId)
        #expect(backend.received.first?.header("traceparent")?.contains(okClient.spanId) == true)
        let missing = try #require(entries.first { $0.string("url.path") == "/nowhere" })
        #expect(missing.int("http.response.status_code") == 404 && missing.status == 0)
        let down = try #require(entries.first { $0.string("server.address") == "down.test" })
        #expect(down.int("http.response.status_code") == 502 && down.status == 2)
        let downClient = try #require(all.first { $0.name == "ReverseProxy" && $0.traceId == down.traceId })
        #expect(downClient.status == 2)
    }

    @Test("sampleRate 0 records nothing, yet passes the context on, not sampled")
    func notSampled() async throws {
        let collector = try await OTLPCollector()
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: Self.dynamic(backend.url), staticExtra: """
            tracing:
              sampleRate: 0
              otlp: {http: {endpoint: "http://127.0.0.1:\(collector.httpPort)/v1/traces"}}
            """)
        #expect(try await proxy.get("/api/a", host: "app.test")?.status == 200)
        try await Task.sleep(for: .seconds(2))
        #expect(collector.spans.isEmpty)
        let traceparent = try #require(backend.received.first?.header("traceparent"))
        #expect(traceparent.hasSuffix("-00"))
    }

    @Test("a bad tracing key stops the start with the file, key and line")
    func badKey() async throws {
        let directory = try TemporaryDirectory.make(prefix: "tracing")
        let path = "\(directory)/proxy.yaml"
        try """
            entryPoints:
              web: {address: "127.0.0.1:0"}
            tracing:
              sampleRate: 2
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let process = try DaemonProcess("tee-proxy", ["--config", path])
        let status = await process.waitForExit(timeout: .seconds(20))
        #expect(status != 0 && status != nil)
        #expect(process.log.contains("\(path):4"), "\(process.log)")
        #expect(process.log.contains("tracing.sampleRate"))
        #expect(process.log.contains("from 0 (none) to 1"))
    }

    @Test("a collector that does not answer costs no request: the proxy serves on, and says why spans are lost")
    func collectorDown() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let closedPort = try FreePort.next()
        let proxy = try await ProxyFixture(dynamic: Self.dynamic(backend.url), staticExtra: """
            tracing:
              otlp: {http: {endpoint: "http://127.0.0.1:\(closedPort)/v1/traces"}}
            """)
        let connection = try proxy.connect()
        for index in 0..<200 {
            let response = try await connection.get("/api/\(index)", host: "app.test")
            #expect(response?.status == 200)
            if response?.status != 200 { break }
        }
        #expect(backend.received.count == 200)
        // The exporter's failures are logged (at warning), never thrown at requests.
        #expect(await proxy.process.waitForLog("Failed to export", timeout: .seconds(20)), "\(proxy.process.log)")
        #expect(proxy.process.log.contains("collector=http://127.0.0.1:\(closedPort)/v1/traces"), "\(proxy.process.log)")
        #expect(try await proxy.get("/api/after", host: "app.test")?.status == 200)
    }
}
