import Foundation
import TEETesting
import Testing

/// One request through a proxy and two mesh agents is one trace: the proxy (on h1, as the `web`
/// service's uid) sends to its local agent's upstream, which carries it over mTLS to the agent on
/// h2, which hands it to the `api` service. Needs root (namespaces, uids), like the mesh tests.
@Suite("a trace through a proxy and two mesh agents", .serialized,
       .enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: MeshLab.ip) && OTLPCollector.isAvailable))
struct MeshTracingTests {
    static let mesh = """
        - kind: MeshService
          metadata: {name: web, namespace: shop}
          spec: {port: 80, instances: [{node: h1, port: 9101, uid: 2001}]}
        - kind: MeshService
          metadata: {name: api, namespace: shop}
          spec: {port: 8080, instances: [{node: h2, port: 9001, uid: 2003}]}
        - kind: TrafficTarget
          metadata: {name: web-to-api, namespace: shop}
          spec: {destination: api, sources: [web]}
        """

    @Test("EntryPoint → ReverseProxy → Mesh outbound → Mesh inbound → the service, each span the parent of the next")
    func proxyThroughTwoAgents() async throws {
        let httpPort = 4318, grpcPort = 4317
        let collectorAddress = MeshLab.address(of: 0)
        let lab = try await MeshLab.start(hosts: ["h1", "h2"], mesh: Self.mesh, prefix: "tee-mtr-", agentExtra: """
            tracing:
              serviceName: mesh
              otlp: {http: {endpoint: "http://\(collectorAddress):\(httpPort)/v1/traces"}}
            """)
        defer { Task { await lab.stop() } }
        let collector = try await OTLPCollector(host: collectorAddress, httpPort: httpPort, grpcPort: grpcPort,
                                                launcher: [MeshLab.ip, "netns", "exec", lab.prefix + "h1"])
        try await lab.service("api", on: "h2", port: 9001, uid: 2003)
        // The proxy runs as web's uid, so its local agent knows it as shop/web; its server is the agent's upstream for api.
        let dynamic = "\(lab.directory)/proxy-dynamic.yaml", config = "\(lab.directory)/proxy.yaml"
        try """
            http:
              routers:
                api: {rule: "PathPrefix(`/`)", service: api}
              services:
                api: {loadBalancer: {servers: [{url: "http://127.0.0.1:9000"}]}}
            """.write(toFile: dynamic, atomically: true, encoding: .utf8)
        try """
            entryPoints:
              web: {address: "127.0.0.1:8000"}
            providers:
              file: {filename: \(dynamic)}
            tracing:
              serviceName: edge
              otlp: {http: {endpoint: "http://\(collectorAddress):\(httpPort)/v1/traces"}}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let proxy = try lab.start(BuildProducts.path(of: "tee-proxy"), ["--config", config], on: "h1", uid: 2001)
        try #require(await proxy.waitForLog("Listening address=127.0.0.1:8000"), "proxy:\n\(proxy.log)")
        let output = try await lab.python(on: "h1", uid: 0, ["-c", """
            import urllib.request
            print("BODY", urllib.request.urlopen("http://127.0.0.1:8000/traceparent", timeout=10).read().decode())
            """])
        let received = try #require(output.split(separator: "\n").first { $0.hasPrefix("BODY ") }.map { String($0.dropFirst(5)) },
                                    "client: \(output)\nproxy:\n\(proxy.log)\nagents:\n\(lab.agents.map(\.log).joined(separator: "\n---\n"))")
        let spans = await collector.waitForSpans(4)
        try #require(spans.count == 4, "spans: \(spans)\ncollector:\n\(collector.process.log)\nproxy:\n\(proxy.log)")
        func span(_ name: String) throws -> OTLPCollector.Span { try #require(spans.first { $0.name == name }, "no \(name) in \(spans)") }
        let entry = try span("EntryPoint"), client = try span("ReverseProxy")
        let outbound = try span("Mesh outbound"), inbound = try span("Mesh inbound")
        #expect(Set(spans.map(\.traceId)).count == 1, "one trace: \(spans)")
        #expect(entry.parentSpanId.isEmpty && entry.service == "edge")
        #expect(client.parentSpanId == entry.spanId && client.service == "edge")
        #expect(outbound.parentSpanId == client.spanId && outbound.kind == "client" && outbound.service == "mesh")
        #expect(inbound.parentSpanId == outbound.spanId && inbound.kind == "server" && inbound.service == "mesh")
        #expect(outbound.string("tee.mesh.source") == "shop/web" && outbound.string("tee.mesh.destination") == "shop/api")
        #expect(inbound.int("http.response.status_code") == 200)
        // The service got the inbound agent's span as its parent.
        #expect(received == "00-\(entry.traceId)-\(inbound.spanId)-01")
    }
}
