import Foundation
import TEETesting
import Testing

/// `metrics.otlp` and `accessLog.otlp`: the proxy pushes its metrics (under the names `/metrics` has) and its access-log records to a real OTLP collector process.
@Suite("OTLP metrics and access logs of a real tee-proxy", .enabled(if: OTLPCollector.isAvailable))
struct OTLPExportTests {
    @Test("requests, durations, reloads and open connections reach the collector over OTLP/gRPC, with Traefik's labels")
    func pushed() async throws {
        let collector = try await OTLPCollector()
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                app: {rule: "Host(`app.test`)", service: app}
              services:
                app: {loadBalancer: {servers: [{url: "\(backend.url)"}]}}
            """, staticExtra: """
            metrics:
              otlp:
                addRoutersLabels: true
                pushInterval: 1s
                serviceName: edge-metrics
                explicitBoundaries: [0.5, 2]
                grpc: {endpoint: "127.0.0.1:\(collector.grpcPort)", insecure: true}
            """)
        let connection = try proxy.connect()
        for _ in 0..<3 { #expect(try await connection.get("/m", host: "app.test")?.status == 200) }
        #expect(try await proxy.get("/missing", host: "other.test")?.status == 404)
        let ok = ["code": "200", "method": "GET", "protocol": "http"]
        let entry = await collector.latest("tee_entrypoint_requests_total", ok.merging(["entrypoint": "web"]) { $1 }) { $0 == 3 }
        #expect(entry?.value == 3, "\(collector.dataPoints.suffix(40))\n\(proxy.process.log)")
        #expect(entry?.type == "sum" && entry?.transport == "grpc" && entry?.service == "edge-metrics")
        let router = await collector.latest("tee_router_requests_total", ok.merging(["router": "app@file", "service": "app@file"]) { $1 }) { $0 == 3 }
        #expect(router?.value == 3)
        let missing = await collector.latest("tee_entrypoint_requests_total", ["code": "404"]) { $0 == 1 }
        #expect(missing?.value == 1)
        let duration = await collector.latest("tee_service_request_duration_seconds", ["service": "app@file"]) { $0 == 3 }
        #expect(duration?.type == "histogram" && duration?.value == 3 && (duration?.sum ?? 0) > 0)
        #expect(await collector.latest("tee_config_reloads_total", [:]) { $0 >= 1 } != nil)
        let open = await collector.latest("tee_open_connections", ["entrypoint": "web", "protocol": "TCP"]) { $0 == 1 }
        #expect(open?.value == 1, "the keep-alive connection is still open")
    }

    @Test("accessLog.otlp: each access-log record reaches the collector as a log record, its fields as attributes")
    func accessLogRecords() async throws {
        let collector = try await OTLPCollector()
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let path = try TemporaryDirectory.make(prefix: "access") + "/access.log"
        let proxy = try await ProxyFixture(dynamic: AccessLogTests.dynamic(backend), staticExtra: """
            accessLog:
              filePath: \(path)
              otlp:
                serviceName: edge-logs
                http: {endpoint: "http://127.0.0.1:\(collector.httpPort)/v1/logs"}
            """)
        #expect(try await proxy.get("/logged", host: "app.test")?.status == 200)
        let record = try #require(await collector.log(), "collector:\n\(collector.process.log)\nproxy:\n\(proxy.process.log)")
        #expect(record.service == "edge-logs" && record.transport == "http")
        #expect(record.log.contains("\"GET /logged HTTP/1.1\" 200"), "\(record.log)")
        #expect(record.string("RouterName") == "app@file" && record.string("RequestPath") == "/logged", "\(record.attributes.keys.sorted())")
        // The file gets the line too.
        #expect(await AccessLogTests.lines(path, count: 1).first?.contains("GET /logged") == true)
    }

    @Test("log.otlp: the proxy's own log statements reach the collector, their metadata as attributes, and still go to its log")
    func daemonLog() async throws {
        let collector = try await OTLPCollector()
        let proxy = try await ProxyFixture(dynamic: "http: {}\n", staticExtra: """
            log:
              level: info
              otlp:
                serviceName: edge-daemon
                http: {endpoint: "http://127.0.0.1:\(collector.httpPort)/v1/logs"}
            """)
        #expect(proxy.process.log.contains("Configuration loaded"), "the console log still has it")
        let record = try #require(await collector.log("Configuration loaded"), "collector:\n\(collector.process.log)\nproxy:\n\(proxy.process.log)")
        #expect(record.service == "edge-daemon" && record.severity.uppercased().hasPrefix("INFO"), "\(record.severity)")
        #expect(record.string("generation") == "1", "\(record.attributes.keys.sorted())")
    }

    @Test("log.otlp in a controller's --static-config: its log reaches the collector")
    func controllerLog() async throws {
        let collector = try await OTLPCollector()
        let staticConfig = try TemporaryDirectory.write("""
            log:
              otlp:
                serviceName: edge-controller
                http: {endpoint: "http://127.0.0.1:\(collector.httpPort)/v1/logs"}
            """, named: "static.yaml")
        let cluster = try await ClusterFixture(controllers: 1, staticConfig: staticConfig)
        let record = try #require(await collector.log("Controller starting"), "collector:\n\(collector.process.log)\ncontroller:\n\(cluster.controllerLog(0))")
        #expect(record.service == "edge-controller")
    }
}
