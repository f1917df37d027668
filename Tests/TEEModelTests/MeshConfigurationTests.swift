import TEEModel
import Testing

@Suite("mesh policy: SMI objects, access decisions, splits, virtual IPs")
struct MeshConfigurationTests {
    static let sample = """
        - kind: MeshService
          metadata: {name: api, namespace: shop}
          spec:
            protocol: http
            port: 80
            instances:
              - {node: n1, port: 9001, uid: 1001}
              - {node: n2.example.org, port: 9001, uid: 1001}
        - kind: MeshService
          metadata: {name: db, namespace: shop}
          spec:
            protocol: tcp
            port: 5432
            instances: [{node: n2.example.org, port: 15432, uid: 112}]
        - kind: HTTPRouteGroup
          metadata: {name: api-routes, namespace: shop}
          spec:
            matches:
              - name: read
                pathRegex: "/api/.*"
                methods: [GET, HEAD]
              - name: debug
                pathRegex: "/debug"
                methods: ["*"]
                headers:
                  - x-debug: "1|yes"
        - kind: TCPRoute
          metadata: {name: postgres, namespace: shop}
          spec:
            matches:
              ports: [5432]
        - kind: TrafficTarget
          metadata: {name: web-to-api, namespace: shop}
          spec:
            destination: {kind: ServiceAccount, name: api}
            sources: [{name: web}, {name: batch, namespace: jobs}]
            rules:
              - kind: HTTPRouteGroup
                name: api-routes
                matches: [read]
        - kind: TrafficTarget
          metadata: {name: ops-to-api, namespace: shop}
          spec:
            destination: {name: api}
            sources: [ops]
            rules:
              - kind: HTTPRouteGroup
                name: api-routes
        - kind: TrafficTarget
          metadata: {name: api-to-db, namespace: shop}
          spec:
            destination: {name: db}
            sources: [api]
            rules: [{kind: TCPRoute, name: postgres}]
        - kind: TrafficTarget
          metadata: {name: anything-to-cache, namespace: shop}
          spec:
            destination: cache
            sources: [api]
        - kind: TrafficSplit
          metadata: {name: api-canary, namespace: shop}
          spec:
            service: api
            backends: [{service: api-v1, weight: 90}, {service: api-v2, weight: 10}]
        - kind: ServicePolicy
          metadata: {name: api, namespace: shop}
          spec:
            service: api
            retries: {attempts: 2, budget: 25%}
            rateLimit: {average: 100, burst: 20}
            circuitBreaker: {consecutive5xx: 3, interval: 5s, baseEjectionTime: 10s, maxEjectionPercent: 50}
            timeouts: {request: 2s}
        """

    static func service(_ name: String, _ namespace: String = "shop") -> MeshServiceIdentity {
        MeshServiceIdentity(name: name, namespace: namespace)
    }

    @Test("every kind parses, with namespaces defaulting to the object's")
    func parses() throws {
        let policy = try MeshConfigurationParser().parse(Self.sample, file: "policy.yaml")
        #expect(policy.trafficTargets.count == 4 && policy.httpRouteGroups.count == 1 && policy.tcpRoutes.count == 1)
        #expect(policy.trafficTargets[0].sources == [Self.service("web"), Self.service("batch", "jobs")])
        #expect(policy.trafficTargets[0].rules == [TrafficTargetRule(kind: .httpRouteGroup, name: "api-routes", matches: ["read"])])
        #expect(policy.split(for: Self.service("api"))?.totalWeight == 100)
        let servicePolicy = try #require(policy.policy(for: Self.service("api")))
        #expect(servicePolicy.retries == .init(attempts: 2, budgetPercent: 25))
        #expect(servicePolicy.rateLimit == .init(average: 100, burst: 20))
        #expect(servicePolicy.circuitBreaker == .init(consecutive5xx: 3, interval: .seconds(5), baseEjectionTime: .seconds(10), maxEjectionPercent: 50))
        #expect(servicePolicy.timeouts == .init(request: .seconds(2), connect: nil))
    }

    @Test("services register with their instances; each node's agent sees the services it hosts")
    func services() throws {
        let mesh = try MeshConfigurationParser().parse(Self.sample, file: "mesh.yaml")
        let api = try #require(mesh.service(Self.service("api")))
        #expect(api.serviceProtocol == .http && api.port == 80 && api.instances.map(\.node) == ["n1", "n2.example.org"])
        #expect(api.instances.allSatisfy { $0.uid == 1001 && $0.port == 9001 })
        #expect(mesh.service(Self.service("db"))?.serviceProtocol == .tcp)
        #expect(mesh.services(on: "n1").map(\.identity) == [Self.service("api")])
        #expect(mesh.services(on: "n2.example.org").map(\.identity) == [Self.service("api"), Self.service("db")])
        #expect(mesh.services(on: "n3").isEmpty)
    }

    @Test("a local uid names a service on its node only when exactly one service runs as it there")
    func uids() throws {
        let text = Self.sample + """

            - kind: MeshService
              metadata: {name: worker, namespace: shop}
              spec:
                port: 81
                instances: [{node: n1, port: 9100, uid: 2000}, {node: n2.example.org, port: 9100, uid: 1001}]
            """
        let mesh = try MeshConfigurationParser().parse(text, file: "mesh.yaml")
        #expect(mesh.identity(ofUID: 1001, on: "n1") == Self.service("api"))
        #expect(mesh.identity(ofUID: 2000, on: "n1") == Self.service("worker"))
        #expect(mesh.identity(ofUID: 2000, on: "n2.example.org") == nil)  // not there
        #expect(mesh.identity(ofUID: 1001, on: "n2.example.org") == nil)  // api and worker share it there
        #expect(mesh.identity(ofUID: 0, on: "n1") == nil)
    }

    @Test("a peer's SPIFFE ID gives its service, for this cluster only", arguments: [
        ("spiffe://prod/ns/shop/svc/api", "shop/api"),
        ("spiffe://other/ns/shop/svc/api", nil),
        ("spiffe://prod/ns/shop/sa/api", nil),
        ("spiffe://prod/ns/shop/svc/api/extra", nil),
        ("spiffe://prod/ns/Shop/svc/api", nil),
        ("https://prod/ns/shop/svc/api", nil),
    ] as [(String, String?)])
    func spiffe(id: String, expected: String?) {
        #expect(MeshServiceIdentity(spiffeID: id, cluster: "prod")?.description == expected)
    }

    @Test("deny by default; sources, route matches, methods, headers and TCP ports decide", arguments: [
        // (source, destination, method, path, headers, allowed)
        ("web", "api", "GET", "/api/items", [:], true),
        ("web", "api", "HEAD", "/api/items", [:], true),
        ("web", "api", "POST", "/api/items", [:], false),          // the target admits only the read match
        ("web", "api", "GET", "/debug", ["X-Debug": "yes"], false), // not the read match
        ("ops", "api", "DELETE", "/debug", ["X-Debug": "yes"], true),  // every match of the group
        ("ops", "api", "DELETE", "/debug", ["X-Debug": "no"], false),
        ("ops", "api", "GET", "/debug/more", ["X-Debug": "1"], false), // the path must match whole
        ("shop-admin", "api", "GET", "/api/items", [:], false),   // no target lists it
        ("api", "cache", "PUT", "/anything", [:], true),           // a target without rules admits all
        ("web", "cache", "GET", "/", [:], false),
    ] as [(String, String, String, String, [String: String], Bool)])
    func httpAccess(source: String, destination: String, method: String, path: String, headers: [String: String], allowed: Bool) throws {
        let policy = try MeshConfigurationParser().parse(Self.sample, file: "policy.yaml")
        let request = MeshHTTPRequest(method: method, path: path, headers: headers)
        #expect(policy.allows(Self.service(source), to: Self.service(destination), request: request) == allowed)
    }

    @Test("a batch job in another namespace is a different source from one in the destination's")
    func namespacesMatter() throws {
        let policy = try MeshConfigurationParser().parse(Self.sample, file: "policy.yaml")
        let read = MeshHTTPRequest(method: "GET", path: "/api/x")
        #expect(policy.allows(Self.service("batch", "jobs"), to: Self.service("api"), request: read))
        #expect(!policy.allows(Self.service("batch", "shop"), to: Self.service("api"), request: read))
    }

    @Test("TCP routes admit their ports only")
    func tcpAccess() throws {
        let policy = try MeshConfigurationParser().parse(Self.sample, file: "policy.yaml")
        #expect(policy.allows(Self.service("api"), to: Self.service("db"), port: 5432))
        #expect(!policy.allows(Self.service("api"), to: Self.service("db"), port: 5433))
        #expect(!policy.allows(Self.service("web"), to: Self.service("db"), port: 5432))
        #expect(policy.allows(Self.service("api"), to: Self.service("cache"), port: 6379))
    }

    @Test("a split sends each draw to the backend whose weight covers it")
    func split() throws {
        let policy = try MeshConfigurationParser().parse(Self.sample, file: "policy.yaml")
        let split = try #require(policy.split(for: Self.service("api")))
        let picks = (0..<split.totalWeight).compactMap { split.backend(at: $0) }
        #expect(picks.filter { $0 == Self.service("api-v1") }.count == 90)
        #expect(picks.filter { $0 == Self.service("api-v2") }.count == 10)
        #expect(split.backend(at: 100) == nil)
    }

    @Test("bad policy is refused with file, key and line, and every problem is listed", arguments: [
        ("- kind: TrafficTargets\n  metadata: {name: a}\n  spec: {}\n", "policy.yaml:1: [0].kind: unknown kind 'TrafficTargets'"),
        ("- kind: TrafficTarget\n  metadata: {name: a}\n  spec:\n    destination: api\n    sources: [web]\n    rules: [{kind: HTTPRouteGroup, name: missing}]\n",
         "no HTTPRouteGroup 'missing' in namespace default"),
        ("- kind: TrafficTarget\n  metadata: {name: Bad_Name}\n  spec: {}\n", "policy.yaml:2: [0].metadata.name: names are lower-case"),
        ("- kind: TrafficSplit\n  metadata: {name: s}\n  spec:\n    service: api\n    backends: [{service: v1, weight: 0}]\n", "needs a backend with a weight above 0"),
        ("- kind: ServicePolicy\n  metadata: {name: p}\n  spec:\n    service: api\n    retries: {budget: 120%}\n", "retries.budget: expected a percentage"),
        ("- kind: TCPRoute\n  metadata: {name: t}\n  spec:\n    matches: {ports: [70000]}\n", "a port is 1–65535"),
        ("- kind: TrafficTarget\n  metadata: {name: a}\n  spec:\n    destination: api\n", "missing sources"),
        ("kind: TrafficTarget\n", "expected a list of policy objects"),
        ("- kind: MeshService\n  metadata: {name: api}\n  spec:\n    protocol: udp\n    port: 80\n", "mesh.yaml:4: [0].spec.protocol: unknown protocol"),
        ("- kind: MeshService\n  metadata: {name: api}\n  spec:\n    port: 80\n    instances: [{node: n1, port: 9001}]\n", "missing uid"),
        ("- kind: MeshService\n  metadata: {name: api}\n  spec:\n    port: 80\n- kind: MeshService\n  metadata: {name: api}\n  spec:\n    port: 81\n",
         "registered twice"),
    ])
    func refusals(text: String, expected: String) {
        #expect {
            try MeshConfigurationParser().parse(text, file: expected.hasPrefix("mesh.yaml") ? "mesh.yaml" : "policy.yaml")
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test("two bad objects: both are reported")
    func everyProblem() {
        let text = "- kind: Nope\n  metadata: {name: a}\n  spec: {}\n- kind: TCPRoute\n  metadata: {name: b}\n  spec:\n    matches: {ports: [0]}\n"
        #expect {
            try MeshConfigurationParser().parse(text, file: "p.yaml")
        } throws: { error in
            (error as? ConfigurationErrors)?.errors.count == 2
        }
    }

    @Test("identities give the mesh name and the SPIFFE ID; labels follow DNS")
    func identity() {
        let api = Self.service("api")
        #expect(api.dnsName == "api.shop.mesh")
        #expect(api.spiffeID(cluster: "prod") == "spiffe://prod/ns/shop/svc/api")
        #expect(MeshServiceIdentity.isValidLabel("api-v2"))
        #expect(!MeshServiceIdentity.isValidLabel("-api") && !MeshServiceIdentity.isValidLabel("Api") && !MeshServiceIdentity.isValidLabel(""))
    }

    @Test("virtual IPs are stable, distinct, inside 127.77.0.0/16, and reused only after release")
    func virtualIPs() throws {
        var allocator = VirtualIPAllocator()
        let firstAddress = allocator.address(for: Self.service("api"))
        let first = try #require(firstAddress)
        #expect(first.hasPrefix("127.77.") && first != "127.77.0.0" && first != "127.77.255.255")
        let again = allocator.address(for: Self.service("api"))
        #expect(again == first)
        // Another allocator (another controller, another day) gives the same address.
        var fresh = VirtualIPAllocator()
        let elsewhere = fresh.address(for: Self.service("api"))
        #expect(elsewhere == first)
        // A service whose preferred address is taken gets another.
        var crowded = VirtualIPAllocator(assigned: [Self.service("squatter"): first])
        let movedAddress = crowded.address(for: Self.service("api"))
        let moved = try #require(movedAddress)
        #expect(moved != first && moved.hasPrefix("127.77."))
        var many = VirtualIPAllocator()
        let addresses = (0..<500).compactMap { many.address(for: Self.service("s\($0)")) }
        #expect(Set(addresses).count == 500)
        many.release(Self.service("s0"))
        #expect(many.assigned[Self.service("s0")] == nil)
    }

    @Test("a snapshot's mesh documents: the policy, the controllers' virtual IPs and the agents' addresses")
    func snapshotDocuments() throws {
        let documents = [
            ConfigurationDocument(provider: "api", name: "main", format: "yaml", content: "http: {}"),
            ConfigurationDocument(provider: "mesh", name: "main", format: "yaml", content: Self.sample),
            ConfigurationDocument(provider: "mesh", name: "addresses", format: "json", content: #"{"shop/api": "127.77.1.2", "bad": "x"}"#),
            ConfigurationDocument(provider: "mesh", name: "agent-n1", format: "json", content: #"{"address": "10.0.0.1:4243"}"#),
        ]
        let mesh = try ConfigurationDocument.loadMesh(documents)
        #expect(mesh.services.count == 2)
        #expect(mesh.virtualIPs == [Self.service("api"): "127.77.1.2"])
        #expect(mesh.agents == ["n1": "10.0.0.1:4243"])
        #expect(try ConfigurationDocument.loadMesh(Array(documents.prefix(1))).services.isEmpty)
        // The policy document's problems fail the whole, with their lines.
        let broken = [ConfigurationDocument(provider: "mesh", name: "main", format: "yaml", content: "- kind: Nonsense\n")]
        #expect(throws: ConfigurationErrors.self) { try ConfigurationDocument.loadMesh(broken) }
    }
}
