import Foundation
import TEEPKI
import TEETesting
import Testing

/// tee-mesh across three hosts: network namespaces joined by a bridge, a real agent in each, and
/// test services run as different uids (setpriv). Needs root (namespaces, uids); CI runs as root.
@Suite("tee-mesh across hosts", .serialized, .enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: MeshLab.ip)))
struct MeshTests {
    static let mesh = """
        - kind: MeshService
          metadata: {name: web, namespace: shop}
          spec: {port: 80, instances: [{node: h1, port: 9101, uid: 2001}]}
        - kind: MeshService
          metadata: {name: batch, namespace: shop}
          spec: {port: 80, instances: [{node: h1, port: 9102, uid: 2002}]}
        - kind: MeshService
          metadata: {name: api, namespace: shop}
          spec: {port: 8080, instances: [{node: h2, port: 9001, uid: 2003}, {node: h3, port: 9001, uid: 2003}]}
        - kind: MeshService
          metadata: {name: db, namespace: shop}
          spec: {protocol: tcp, port: 5432, instances: [{node: h2, port: 9002, uid: 2004}]}
        - kind: MeshService
          metadata: {name: catalog, namespace: shop}
          spec: {port: 8080}
        - kind: MeshService
          metadata: {name: catalog-v1, namespace: shop}
          spec: {port: 8080, instances: [{node: h2, port: 9011, uid: 2006}]}
        - kind: MeshService
          metadata: {name: catalog-v2, namespace: shop}
          spec: {port: 8080, instances: [{node: h3, port: 9012, uid: 2006}]}
        - kind: MeshService
          metadata: {name: flaky, namespace: shop}
          spec: {port: 8080, instances: [{node: h2, port: 9021, uid: 2007}, {node: h3, port: 9021, uid: 2007}]}
        - kind: MeshService
          metadata: {name: retrying, namespace: shop}
          spec: {port: 8080, instances: [{node: h2, port: 9031, uid: 2008}, {node: h3, port: 9031, uid: 2008}]}
        - kind: MeshService
          metadata: {name: slow, namespace: shop}
          spec: {port: 8080, instances: [{node: h2, port: 9051, uid: 2010}]}
        - kind: MeshService
          metadata: {name: quota, namespace: shop}
          spec: {port: 8080, instances: [{node: h3, port: 9041, uid: 2009}]}
        - kind: HTTPRouteGroup
          metadata: {name: api-routes, namespace: shop}
          spec:
            matches:
              - {name: read, pathRegex: "/api/.*", methods: [GET]}
              - {name: orders, pathRegex: "/api/orders", methods: [POST]}
              - {name: admin, pathRegex: "/admin/.*", methods: ["*"], headers: [{x-role: "ops|admin"}]}
        - kind: TCPRoute
          metadata: {name: postgres, namespace: shop}
          spec: {matches: {ports: [5432]}}
        - kind: TrafficTarget
          metadata: {name: web-to-api, namespace: shop}
          spec:
            destination: {name: api}
            sources: [web]
            rules: [{kind: HTTPRouteGroup, name: api-routes, matches: [read, orders, admin]}]
        - kind: TrafficTarget
          metadata: {name: batch-to-db, namespace: shop}
          spec:
            destination: {name: db}
            sources: [batch]
            rules: [{kind: TCPRoute, name: postgres}]
        - kind: TrafficTarget
          metadata: {name: web-to-the-rest, namespace: shop}
          spec: {destination: catalog-v1, sources: [web]}
        - kind: TrafficTarget
          metadata: {name: web-to-catalog-v2, namespace: shop}
          spec: {destination: catalog-v2, sources: [web]}
        - kind: TrafficTarget
          metadata: {name: web-to-flaky, namespace: shop}
          spec: {destination: flaky, sources: [web]}
        - kind: TrafficTarget
          metadata: {name: web-to-retrying, namespace: shop}
          spec: {destination: retrying, sources: [web]}
        - kind: TrafficTarget
          metadata: {name: web-to-quota, namespace: shop}
          spec: {destination: quota, sources: [web]}
        - kind: TrafficTarget
          metadata: {name: web-to-slow, namespace: shop}
          spec: {destination: slow, sources: [web]}
        - kind: TrafficSplit
          metadata: {name: catalog-canary, namespace: shop}
          spec:
            service: catalog
            backends: [{service: catalog-v1, weight: 90}, {service: catalog-v2, weight: 10}]
        - kind: ServicePolicy
          metadata: {name: flaky, namespace: shop}
          spec:
            service: flaky
            circuitBreaker: {consecutive5xx: 3, interval: 10s, baseEjectionTime: 5s, maxEjectionPercent: 50}
        - kind: ServicePolicy
          metadata: {name: retrying, namespace: shop}
          spec:
            service: retrying
            retries: {attempts: 2, budget: 50%}
        - kind: ServicePolicy
          metadata: {name: slow, namespace: shop}
          spec:
            service: slow
            timeouts: {request: 300ms}
        - kind: ServicePolicy
          metadata: {name: quota, namespace: shop}
          spec:
            service: quota
            rateLimit: {average: 2, burst: 10}
        """

    @Test("policy, splits, rate limits, circuit breaking, retries and mTLS between three hosts")
    func meshAcrossHosts() async throws {
        let lab = try await MeshLab.start(hosts: ["h1", "h2", "h3"], mesh: Self.mesh)
        do {
            try await self.exercise(lab)
        } catch {
            await lab.stop()
            throw error
        }
        await lab.stop()
    }

    private func exercise(_ lab: MeshLab) async throws {
        try await lab.service("api", on: "h2", port: 9001, uid: 2003)
        let apiOnH3 = try await lab.service("api", on: "h3", port: 9001, uid: 2003)
        try await lab.service("db", on: "h2", port: 9002, uid: 2004, mode: "tcp")
        try await lab.service("catalog-v1", on: "h2", port: 9011, uid: 2006)
        try await lab.service("catalog-v2", on: "h3", port: 9012, uid: 2006)
        try await lab.service("flaky-h2", on: "h2", port: 9021, uid: 2007, mode: "fail")
        try await lab.service("flaky-h3", on: "h3", port: 9021, uid: 2007)
        try await lab.service("retrying", on: "h3", port: 9031, uid: 2008)  // h2's instance is down
        try await lab.service("quota", on: "h3", port: 9041, uid: 2009)
        try await lab.service("slow", on: "h2", port: 9051, uid: 2010)

        // Access control: allowed requests answered, the rest refused by the destination agent.
        let read = try await lab.requests(from: "h1", uid: 2001, to: "api.shop.mesh", port: 8080, count: 10, path: "/api/items")
        #expect(read.status == ["200": 10], "\(read)")
        #expect(read.bodies.first?.hasSuffix("GET /api/items spiffe://meshtest/ns/shop/svc/web") == true, "\(read)")
        #expect(Set(read.names.keys) == ["api"])
        let order = try await lab.requests(from: "h1", uid: 2001, to: "api.shop.mesh", port: 8080, count: 1, method: "POST", path: "/api/orders")
        #expect(order.status == ["200": 1], "\(order)")
        let wrongMethod = try await lab.requests(from: "h1", uid: 2001, to: "api.shop.mesh", port: 8080, count: 1, method: "DELETE", path: "/api/items")
        #expect(wrongMethod.status == ["403": 1], "\(wrongMethod)")
        let wrongPath = try await lab.requests(from: "h1", uid: 2001, to: "api.shop.mesh", port: 8080, count: 1, path: "/internal")
        #expect(wrongPath.status == ["403": 1], "\(wrongPath)")
        let adminWithout = try await lab.requests(from: "h1", uid: 2001, to: "api.shop.mesh", port: 8080, count: 1, path: "/admin/x")
        #expect(adminWithout.status == ["403": 1], "\(adminWithout)")
        let adminWith = try await lab.requests(from: "h1", uid: 2001, to: "api.shop.mesh", port: 8080, count: 1, path: "/admin/x", headers: ["x-role:ops"])
        #expect(adminWith.status == ["200": 1], "\(adminWith)")
        let otherSource = try await lab.requests(from: "h1", uid: 2002, to: "api.shop.mesh", port: 8080, count: 2, path: "/api/items")
        #expect(otherSource.status == ["403": 2], "\(otherSource)")
        let unknownUser = try await lab.requests(from: "h1", uid: 2999, to: "api.shop.mesh", port: 8080, count: 1, path: "/api/items")
        #expect(unknownUser.status == ["403": 1], "\(unknownUser)")
        #expect(unknownUser.bodies.first?.contains("uid 2999") == true, "\(unknownUser)")
        // An instance restarts: the agents' kept connections to it are replaced, and no request fails.
        apiOnH3.send(SIGKILL)
        _ = await apiOnH3.waitForExit()
        try await lab.service("api", on: "h3", port: 9001, uid: 2003)
        let afterRestart = try await lab.requests(from: "h1", uid: 2001, to: "api.shop.mesh", port: 8080, count: 10, path: "/api/items")
        #expect(afterRestart.status == ["200": 10], "\(afterRestart)")

        // The explicit upstream on 127.0.0.1:9000 reaches api too.
        let upstream = try await lab.python(on: "h1", uid: 2001, ["-c", """
            import http.client
            c = http.client.HTTPConnection("127.0.0.1", 9000, timeout=5); c.request("GET", "/api/up"); r = c.getresponse()
            print(r.status, r.read().decode().split(" ")[0])
            """])
        #expect(upstream.trimmingCharacters(in: .whitespacesAndNewlines) == "200 api", "\(upstream)")

        // TCP: batch may reach db on 5432; web may not (the destination agent closes the connection).
        let allowedTCP = try await lab.client(on: "h1", uid: 2002, ["127.0.0.153:5353", "db.shop.mesh", "5432", "--tcp", "ping"])
        #expect(allowedTCP.contains("\"answer\": \"db:ping\""), "\(allowedTCP)")
        let deniedTCP = try await lab.client(on: "h1", uid: 2001, ["127.0.0.153:5353", "db.shop.mesh", "5432", "--tcp", "ping"])
        #expect(deniedTCP.contains("\"answer\": \"closed\""), "\(deniedTCP)")

        // A 90/10 split over 1,000 requests: the canary's share within 5 standard deviations of 10 %.
        let split = try await lab.requests(from: "h1", uid: 2001, to: "catalog.shop.mesh", port: 8080, count: 1_000)
        #expect(split.status == ["200": 1_000], "\(split)")
        let canary = split.names["catalog-v2"] ?? 0
        #expect((50...150).contains(canary) && canary + (split.names["catalog-v1"] ?? 0) == 1_000, "\(split)")

        // Rate limit at the destination: a burst of 10, then 2 per second; past it, 429.
        let limited = try await lab.requests(from: "h1", uid: 2001, to: "quota.shop.mesh", port: 8080, count: 40)
        #expect((limited.status["200"] ?? 0) >= 10 && (limited.status["429"] ?? 0) >= 10
                && (limited.status["200"] ?? 0) + (limited.status["429"] ?? 0) == 40, "\(limited)")

        // Retries: h2's instance is down, every request still succeeds on h3's.
        let retried = try await lab.requests(from: "h1", uid: 2001, to: "retrying.shop.mesh", port: 8080, count: 16)
        #expect(retried.status == ["200": 16], "\(retried)")

        // Timeouts: an answer later than the policy's 300 ms becomes 504; a quick one goes through.
        let late = try await lab.requests(from: "h1", uid: 2001, to: "slow.shop.mesh", port: 8080, count: 1, path: "/sleep/1500")
        #expect(late.status == ["504": 1], "\(late)")
        let quick = try await lab.requests(from: "h1", uid: 2001, to: "slow.shop.mesh", port: 8080, count: 1, path: "/sleep/10")
        #expect(quick.status == ["200": 1], "\(quick)")

        // Pipelined requests on one connection are answered in order: the slow first one's
        // answer comes before the quick ones', although both agents serve requests asynchronously.
        let pipelined = try await lab.client(on: "h1", uid: 2001, ["127.0.0.153:5353", "slow.shop.mesh", "8080", "--pipeline",
                                                                   "/sleep/200", "/a", "/sleep/20", "/b"])
        #expect(pipelined.contains(#""answers": ["200 slow GET /sleep/200 spiffe://meshtest/ns/shop/svc/web", "200 slow GET /a "#
                                   + #"spiffe://meshtest/ns/shop/svc/web", "200 slow GET /sleep/20 spiffe://meshtest/ns/shop/svc/web", "#
                                   + #""200 slow GET /b spiffe://meshtest/ns/shop/svc/web"]"#), "\(pipelined)")
        // Bodies cross both agents whole and in order, both ways: one joined with its head into a
        // single TLS record (the agents join a message's writes up to 16 KiB), one past that.
        for size in [10_000, 300_000] {
            let echoed = try await lab.client(on: "h1", uid: 2001, ["127.0.0.153:5353", "slow.shop.mesh", "8080", "--echo", "\(size)"])
            #expect(echoed.contains(#""status": 200, "length": \#(size), "same": true"#), "\(echoed)")
        }

        // Circuit breaking: h2's instance answers 500 until ejected after 3 in a row; h3's serves the rest.
        let ejecting = try await lab.requests(from: "h1", uid: 2001, to: "flaky.shop.mesh", port: 8080, count: 40)
        #expect((ejecting.status["500"] ?? 0) >= 3 && (ejecting.status["500"] ?? 0) <= 6 && (ejecting.status["200"] ?? 0) >= 34, "\(ejecting)")
        let ejected = try await lab.requests(from: "h1", uid: 2001, to: "flaky.shop.mesh", port: 8080, count: 20)
        #expect(ejected.status == ["200": 20] && ejected.names == ["flaky-h3": 20], "\(ejected)")
        // Healed, and after the 5 s ejection, h2's instance is readmitted.
        _ = try await lab.python(on: "h2", uid: 2007, ["-c", """
            import http.client
            c = http.client.HTTPConnection("127.0.0.1", 9021, timeout=5); c.request("POST", "/_heal"); c.getresponse().read()
            """])
        try await Task.sleep(for: .seconds(5.5))
        let readmitted = try await lab.requests(from: "h1", uid: 2001, to: "flaky.shop.mesh", port: 8080, count: 40)
        #expect(readmitted.status == ["200": 40] && (readmitted.names["flaky-h2"] ?? 0) > 0, "\(readmitted)")

        // The inter-agent port takes mTLS only: a plain request, and TLS without a client certificate, get nothing.
        let plain = try await lab.python(on: "h1", uid: 2001, ["-c", """
            import socket, ssl
            s = socket.create_connection(("10.78.0.2", 4243), timeout=5)
            s.sendall(b"GET /api/items HTTP/1.1\\r\\nHost: api.shop.mesh\\r\\n\\r\\n")
            try:
                print("plain:", repr(s.recv(100)))
            except OSError as e:
                print("plain: error", e)
            context = ssl.create_default_context(cafile="\(lab.directory)/ca.pem")
            try:
                t = context.wrap_socket(socket.create_connection(("10.78.0.2", 4243), timeout=5), server_hostname="api.shop.mesh")
                t.sendall(b"GET /api/items HTTP/1.1\\r\\nHost: api.shop.mesh\\r\\n\\r\\n")
                print("tls:", repr(t.recv(100)))
            except (OSError, ssl.SSLError) as e:
                print("tls: error", type(e).__name__)
            """])
        #expect(plain.contains("plain: b''") || plain.contains("plain: error"), "\(plain)")
        #expect(plain.contains("tls: error") || plain.contains("tls: b''"), "\(plain)")
        #expect(!plain.contains("200 OK") && !plain.contains("api GET"), "\(plain)")

        // Metrics by source and destination, on the client side and the destination side.
        let h1Metrics = try await lab.python(on: "h1", uid: 0, ["-c", "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:9105/metrics').read().decode())"])
        #expect(h1Metrics.contains("tee_mesh_requests_total{direction=\"outbound\",source=\"shop/web\",destination=\"shop/api\",code=\"200\"}"), "\(h1Metrics)")
        #expect(h1Metrics.contains("tee_mesh_ejections_total"), "\(h1Metrics)")
        let h2Metrics = try await lab.python(on: "h2", uid: 0, ["-c", "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:9105/metrics').read().decode())"])
        #expect(h2Metrics.contains("direction=\"inbound\",source=\"shop/batch\",destination=\"shop/db\",code=\"tcp\"") && h2Metrics.contains("source=\"shop/web\",destination=\"shop/db\",code=\"denied\""), "\(h2Metrics)")

        // A reload that removes web's access to api applies at once, on connections already open.
        try await lab.reload(mesh: Self.mesh.replacingOccurrences(of: "sources: [web]\n    rules: [{kind: HTTPRouteGroup", with: "sources: [batch]\n    rules: [{kind: HTTPRouteGroup"))
        let revoked = try await lab.requests(from: "h1", uid: 2001, to: "api.shop.mesh", port: 8080, count: 4, path: "/api/items")
        #expect(revoked.status == ["403": 4], "\(revoked)")
        let granted = try await lab.requests(from: "h1", uid: 2002, to: "api.shop.mesh", port: 8080, count: 4, path: "/api/items")
        #expect(granted.status == ["200": 4], "\(granted)")
    }
}
