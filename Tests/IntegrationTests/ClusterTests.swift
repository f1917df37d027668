import Foundation
import Synchronization
import TEETesting
import Testing

@Suite("a cluster of real etcd members, controllers and proxies on loopback", .serialized)
struct ClusterTests {
    /// Whether proxy `port` answers `host` with the configuration tagged `tag`.
    static func serves(_ port: Int, host: String, tag: String) async -> Bool {
        guard let response = try? await TestConnection(port: port, timeout: .seconds(2)).get("/", host: host) else { return false }
        return response.status == 200 && response.header("X-Config") == tag
    }

    @Test("an apply reaches both proxies; the leader's death elects another within 5 s and the next apply propagates")
    func applyAndFailover() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let cluster = try await ClusterFixture()
        let p1 = try await cluster.startProxy("p1")
        let p2 = try await cluster.startProxy("p2")
        let leader = try #require(await ClusterFixture.eventually { await cluster.leader() != nil } ? await cluster.leader() : nil,
                                  "no leader:\n\(cluster.controllerLog(0))")

        // The TCP API takes only clients with a certificate from the cluster CA.
        #expect(try await cluster.api("/api/v1/health", via: leader, clientCertificate: false)?.status == 401)
        let applied = try #require(try await cluster.apply(clusterRoute(host: "app.test", backend: backend, tag: "v1"), via: (leader + 1) % 3))
        #expect(applied.status == 200, "\(applied.body)")
        #expect(applied.header("ETag") != nil)
        for proxy in [p1, p2] {
            #expect(await ClusterFixture.eventually { await Self.serves(proxy.webPort, host: "app.test", tag: "v1") },
                    "\(proxy.name):\n\(cluster.proxyLog(proxy.name))")
        }
        // Both proxies acknowledged the snapshot: the nodes list says what they run.
        #expect(await ClusterFixture.eventually {
            let nodes = (try? await cluster.api("/api/v1/nodes", via: leader))?.body ?? ""
            return nodes.contains("\"name\":\"p1\"") && nodes.contains("\"name\":\"p2\"") && !nodes.contains("\"appliedVersion\":0")
        })

        // Events: the election and the compilation are on record.
        let events = try #require(try await cluster.api("/api/v1/events", via: leader))
        #expect(events.body.contains("became the leader") && events.body.contains("snapshot 1 compiled"), "\(events.body)")
        // Join tokens: the secret is in the creation's answer only.
        let created = try #require(try await cluster.api("/api/v1/tokens", via: leader, extra: [
            "-X", "POST", "-H", "Content-Type: application/json", "--data", #"{"role": "proxy", "ttl": "1h"}"#,
        ]))
        #expect(created.status == 201, "\(created.body)")
        let token = try #require(created.body.firstMatch(of: /"token":"([a-z0-9]{6})\.([a-z0-9]{16})"/))
        let listed = try #require(try await cluster.api("/api/v1/tokens", via: (leader + 2) % 3))
        #expect(listed.body.contains("\"id\":\"\(token.1)\"") && !listed.body.contains(String(token.2)), "\(listed.body)")
        let refused = try #require(try await cluster.api("/api/v1/tokens", via: leader, extra: ["-X", "POST", "--data", #"{"role": "admin"}"#]))
        #expect(refused.status == 400 && refused.body.contains("not one of controller, proxy, mesh"))
        #expect(try await cluster.api("/api/v1/tokens/\(token.1)", via: leader, extra: ["-X", "DELETE"])?.status == 200)

        // p3 streams from the leader, so killing it makes p3 move to another controller.
        let p3 = try await cluster.startProxy("p3", preferring: leader)
        #expect(await ClusterFixture.eventually { await Self.serves(p3.webPort, host: "app.test", tag: "v1") })
        let killedAt = ContinuousClock.now
        await cluster.killController(leader)
        #expect(await ClusterFixture.eventually(.seconds(5)) { (await cluster.leader()).map { $0 != leader } ?? false },
                "no new leader within 5 s")
        let newLeader = try #require(await cluster.leader())
        #expect(ContinuousClock.now - killedAt < .seconds(5))
        let next = try #require(try await cluster.apply(clusterRoute(host: "app.test", backend: backend, tag: "v2"), via: newLeader))
        #expect(next.status == 200, "\(next.body)")
        for proxy in [p1, p2, p3] {
            #expect(await ClusterFixture.eventually { await Self.serves(proxy.webPort, host: "app.test", tag: "v2") },
                    "\(proxy.name):\n\(cluster.proxyLog(proxy.name))")
        }
        #expect(cluster.proxyLog("p3").contains("trying the next controller"))

        // The new leader's /metrics: it leads, has seen the leader change, every proxy is up to date, etcd is healthy.
        #expect(await ClusterFixture.eventually {
            let text = (try? await cluster.api("/metrics", via: newLeader))?.body ?? ""
            return ["p1", "p2", "p3"].allSatisfy { MetricsTests.sample("tee_controller_node_snapshot_lag", ["node": $0, "role": "proxy"], in: text) == 0 }
        })
        let metrics = try #require(try await cluster.api("/metrics", via: newLeader)).body
        let controller = ["controller": cluster.controllers[newLeader].name]
        #expect(MetricsTests.sample("tee_controller_is_leader", controller, in: metrics) == 1, "\(metrics)")
        #expect((MetricsTests.sample("tee_controller_leader_changes_total", controller, in: metrics) ?? 0) >= 2)
        #expect((MetricsTests.sample("tee_controller_snapshot_version", controller, in: metrics) ?? 0) >= 2)
        #expect(MetricsTests.sample("tee_controller_etcd_up", controller, in: metrics) == 1)
        #expect(MetricsTests.sample("tee_controller_etcd_members", ["learner": "false"], in: metrics) == 3)
        #expect(MetricsTests.sample("tee_controller_node_connected", ["node": "p3"], in: metrics) == 1)
        let followerIndex = try #require([0, 1, 2].first { $0 != leader && $0 != newLeader })
        let follower = try #require(try await cluster.api("/metrics", via: followerIndex))
        #expect(follower.body.contains("tee_controller_is_leader{controller=") && follower.body.contains("} 0"), "\(follower.body)")
        #expect(try await cluster.api("/metrics", via: newLeader, clientCertificate: false)?.status == 401)
    }

    @Test("without quorum applies fail with the quorum error while proxies serve without a failed request; restarting recovers")
    func quorumLoss() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let cluster = try await ClusterFixture()
        let p1 = try await cluster.startProxy("p1")
        let p2 = try await cluster.startProxy("p2")
        #expect(await ClusterFixture.eventually { await cluster.leader() != nil })
        #expect(try await cluster.apply(clusterRoute(host: "app.test", backend: backend, tag: "v1"), via: 0)?.status == 200)
        for proxy in [p1, p2] {
            #expect(await ClusterFixture.eventually { await Self.serves(proxy.webPort, host: "app.test", tag: "v1") })
        }

        // Requests run against both proxies for the whole outage.
        let failures = Atomic<Int>(0)
        let served = Atomic<Int>(0)
        let load = Task {
            while !Task.isCancelled {
                for proxy in [p1, p2] {
                    if await Self.serves(proxy.webPort, host: "app.test", tag: "v1") {
                        served.add(1, ordering: .relaxed)
                    } else {
                        failures.add(1, ordering: .relaxed)
                    }
                }
            }
        }
        await cluster.killController(1)
        await cluster.killController(2)
        await cluster.etcd.kill(1)
        await cluster.etcd.kill(2)
        let refused = try #require(try await cluster.apply(clusterRoute(host: "app.test", backend: backend, tag: "v2"), via: 0))
        #expect(refused.status == 503, "\(refused.body)")
        #expect(refused.body.contains("quorum lost: 1 of 3 controllers answer"), "\(refused.body)")
        let nodes = try #require(try await cluster.api("/api/v1/nodes", via: 0))
        #expect(nodes.body.contains("\"stale\":true"), "reads say they may be stale: \(nodes.body)")

        try await cluster.etcd.restart(1)
        try await cluster.etcd.restart(2)
        try await cluster.startController(1)
        try await cluster.startController(2)
        var recovered: TestHTTPResponse?
        _ = await ClusterFixture.eventually(.seconds(15)) {
            recovered = try? await cluster.apply(clusterRoute(host: "app.test", backend: backend, tag: "v1"), via: 1)
            return recovered?.status == 200
        }
        #expect(recovered?.status == 200, "\(recovered?.body ?? "no answer")")
        load.cancel()
        _ = await load.value
        #expect(failures.load(ordering: .relaxed) == 0)
        #expect(served.load(ordering: .relaxed) > 10)
    }

    @Test("a proxy restarted while every controller is down serves its persisted snapshot")
    func persistedSnapshot() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let cluster = try await ClusterFixture()
        let p1 = try await cluster.startProxy("p1")
        #expect(await ClusterFixture.eventually { await cluster.leader() != nil })
        #expect(try await cluster.apply(clusterRoute(host: "app.test", backend: backend, tag: "saved"), via: 0)?.status == 200)
        #expect(await ClusterFixture.eventually { await Self.serves(p1.webPort, host: "app.test", tag: "saved") })
        for index in 0..<3 { await cluster.killController(index) }
        await cluster.killProxy("p1")
        try await cluster.startProxy("p1")
        #expect(await Self.serves(p1.webPort, host: "app.test", tag: "saved"), "\(cluster.proxyLog("p1"))")
        #expect(cluster.proxyLog("p1").contains("Serving the saved snapshot"))
    }
}

extension ClusterTests {
    @Test("dynamic.d and the API merge as Traefik's providers (name@source); invalid applies and stale If-Match change nothing")
    func sources() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let directory = try TemporaryDirectory.make(prefix: "dynamic.d")
        try """
        http:
          services:
            shared:
              loadBalancer:
                servers: [{url: "\(backend.url)"}]
          routers:
            from-file:
              rule: "Host(`file.test`)"
              service: shared
        """.write(toFile: "\(directory)/shared.yaml", atomically: true, encoding: .utf8)
        let cluster = try await ClusterFixture(dynamicDirectory: directory)
        let p1 = try await cluster.startProxy("p1")
        #expect(await ClusterFixture.eventually {
            (try? await TestConnection(port: p1.webPort, timeout: .seconds(2)).get("/", host: "file.test"))?.status == 200
        }, "the file source reaches the proxy:\n\(cluster.proxyLog("p1"))")

        // An API router using the file source's service by its full name.
        let applied = try #require(try await cluster.apply("""
            http:
              routers:
                from-api:
                  rule: "Host(`api.test`)"
                  service: shared@file
            """, via: 0))
        #expect(applied.status == 200, "\(applied.body)")
        let etag = try #require(applied.header("ETag"))
        #expect(await ClusterFixture.eventually {
            (try? await TestConnection(port: p1.webPort, timeout: .seconds(2)).get("/", host: "api.test"))?.status == 200
        })

        // A router naming a service that exists nowhere: refused whole, with the reason.
        let invalid = try #require(try await cluster.apply("""
            http:
              routers:
                from-api:
                  rule: "Host(`api.test`)"
                  service: shared@file
                broken:
                  rule: "Host(`broken.test`)"
                  service: missing
            """, via: 1))
        #expect(invalid.status == 422, "\(invalid.body)")
        #expect(invalid.body.contains("broken@api"), "\(invalid.body)")
        // A document that does not parse: refused with its line.
        let unparsable = try #require(try await cluster.apply("http:\n  routers: [oops\n", via: 1))
        #expect(unparsable.status == 422 && unparsable.body.contains("api/main"), "\(unparsable.body)")
        // If-Match with the current ETag passes; with an older one, 412.
        let matched = try #require(try await cluster.apply("""
            http:
              routers:
                from-api:
                  rule: "Host(`api.test`) || Host(`api2.test`)"
                  service: shared@file
            """, via: 2, ifMatch: etag))
        #expect(matched.status == 200, "\(matched.body)")
        let stale = try #require(try await cluster.apply("http: {}\n", via: 2, ifMatch: etag))
        #expect(stale.status == 412, "\(stale.body)")
        #expect(await ClusterFixture.eventually {
            (try? await TestConnection(port: p1.webPort, timeout: .seconds(2)).get("/", host: "api2.test"))?.status == 200
        })

        // The runtime view: both routers enabled, and p1 up to date.
        let runtimeShown = await ClusterFixture.eventually {
            let runtime = (try? await cluster.api("/api/v1/runtime", via: 1))?.body ?? ""
            return runtime.contains("\"name\":\"from-api@api\",\"status\":\"enabled\"")
                && runtime.contains("\"name\":\"from-file@file\",\"status\":\"enabled\"")
                && runtime.contains("\"name\":\"p1\"") && runtime.contains("\"upToDate\":true")
        }
        let runtime = (try? await cluster.api("/api/v1/runtime", via: 1))?.body ?? ""
        #expect(runtimeShown, "\(runtime)")

        // Removing the file takes its objects away, and with them the API router that used them.
        try FileManager.default.removeItem(atPath: "\(directory)/shared.yaml")
        #expect(await ClusterFixture.eventually {
            (try? await TestConnection(port: p1.webPort, timeout: .seconds(2)).get("/", host: "file.test"))?.status == 404
        })
    }
}

extension ClusterTests {
    @Test("a certificate stored through the API is served by the proxies; a key that is not the certificate's is refused")
    func certificates() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let cluster = try await ClusterFixture()
        let p1 = try await cluster.startProxy("p1")
        #expect(await ClusterFixture.eventually { await cluster.leader() != nil })
        let site = try await cluster.pki.issue("site", names: ["secure.test"])
        let other = try await cluster.pki.issue("other", names: ["other.test"])
        func body(_ certificate: String, _ key: String) throws -> String {
            let object = ["certificate": try String(contentsOfFile: certificate, encoding: .utf8),
                          "key": try String(contentsOfFile: key, encoding: .utf8)]
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        let mismatched = try #require(try await cluster.api("/api/v1/certificates/site", via: 1, extra: [
            "-X", "PUT", "--data-binary", try body(site.certFile, other.keyFile),
        ]))
        #expect(mismatched.status == 422 && mismatched.body.contains("does not belong to the certificate"), "\(mismatched.body)")
        let stored = try #require(try await cluster.api("/api/v1/certificates/site", via: 1, extra: [
            "-X", "PUT", "--data-binary", try body(site.certFile, site.keyFile),
        ]))
        #expect(stored.status == 200, "\(stored.body)")
        let listed = try #require(try await cluster.api("/api/v1/certificates", via: 2))
        #expect(listed.body.contains("\"names\":[\"secure.test\"]") && !listed.body.contains("PRIVATE KEY"), "\(listed.body)")

        var route = clusterRoute(host: "secure.test", backend: backend, tag: "tls")
        route = route.replacingOccurrences(of: "      middlewares: [tag]\n", with: "      middlewares: [tag]\n      tls: {}\n")
        #expect(try await cluster.apply(route, via: 0)?.status == 200)
        var served: (status: Int32, output: String) = (1, "")
        _ = await ClusterFixture.eventually {
            served = (try? await Curl.run(["-i", "--cacert", cluster.pki.caFile, "--resolve", "secure.test:\(p1.webPort):127.0.0.1",
                                            "https://secure.test:\(p1.webPort)/"])) ?? (1, "")
            return served.status == 0 && served.output.lowercased().contains("x-config: tls")
        }
        #expect(served.status == 0 && served.output.lowercased().contains("x-config: tls"), "\(served.output)\n\(cluster.proxyLog("p1"))")
        let usedBy = try #require(try await cluster.api("/api/v1/certificates", via: 0))
        #expect(usedBy.body.contains("\"routers\":[\"app@api\"]"), "\(usedBy.body)")
    }
}

extension ClusterTests {
    @Test("teeadm config apply over a controller's unix socket: checks, shows the change, applies; config get reads it back")
    func teeadmApply() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let cluster = try await ClusterFixture(controllers: 1)
        let p1 = try await cluster.startProxy("p1")
        #expect(await ClusterFixture.eventually { await cluster.leader() != nil })
        let socket = "unix:\(cluster.apiSocket(0))"
        let file = try TemporaryDirectory.write(clusterRoute(host: "app.test", backend: backend, tag: "teeadm"), named: "app.yaml")

        let diffBefore = try DaemonProcess("teeadm", ["config", "diff", "-f", file, "--controller", socket])
        #expect(await diffBefore.waitForExit() == 1 && diffBefore.log.contains("+ router app@api"), "\(diffBefore.log)")
        let dryRun = try DaemonProcess("teeadm", ["config", "apply", "-f", file, "--dry-run", "--controller", socket])
        #expect(await dryRun.waitForExit() == 0, "\(dryRun.log)")
        #expect(dryRun.log.contains("+ router app@api") && dryRun.log.contains("+ middleware tag@api") && dryRun.log.contains("dry run"))
        let apply = try DaemonProcess("teeadm", ["config", "apply", "-f", file, "--controller", socket])
        #expect(await apply.waitForExit() == 0, "\(apply.log)")
        #expect(apply.log.contains("+ service app@api") && apply.log.contains("Applied (etag"), "\(apply.log)")
        #expect(await ClusterFixture.eventually { await Self.serves(p1.webPort, host: "app.test", tag: "teeadm") })
        let again = try DaemonProcess("teeadm", ["config", "apply", "-f", file, "--controller", socket])
        #expect(await again.waitForExit() == 0)
        #expect(again.log.contains("No changes.") && again.log.contains("Already in effect"), "\(again.log)")
        let diffAfter = try DaemonProcess("teeadm", ["config", "diff", "-f", file, "--controller", socket])
        #expect(await diffAfter.waitForExit() == 0 && diffAfter.log.contains("No changes."), "\(diffAfter.log)")
        let nodes = try DaemonProcess("teeadm", ["node", "list", "--controller", socket])
        #expect(await nodes.waitForExit() == 0 && nodes.log.contains("p1") && nodes.log.contains("connected"), "\(nodes.log)")

        // Certificates: import (checked, sealed), list, remove.
        let site = try await cluster.pki.issue("site", names: ["site.test"])
        let imported = try DaemonProcess("teeadm", ["cert", "import", "--cert", site.certFile, "--key", site.keyFile, "--controller", socket])
        #expect(await imported.waitForExit() == 0, "\(imported.log)")
        let certificates = try DaemonProcess("teeadm", ["cert", "list", "--controller", socket])
        #expect(await certificates.waitForExit() == 0 && certificates.log.contains("site") && certificates.log.contains("site.test"),
                "\(certificates.log)")
        let other = try await cluster.pki.issue("other", names: ["other.test"])
        let mismatched = try DaemonProcess("teeadm", ["cert", "import", "--cert", site.certFile, "--key", other.keyFile, "--controller", socket])
        #expect(await mismatched.waitForExit() != 0 && mismatched.log.contains("does not belong to the certificate"), "\(mismatched.log)")
        let removed = try DaemonProcess("teeadm", ["cert", "remove", "site", "--controller", socket])
        #expect(await removed.waitForExit() == 0)

        let get = try DaemonProcess("teeadm", ["config", "get", "--controller", socket])
        #expect(await get.waitForExit() == 0)
        #expect(get.log.contains("X-Config: \"teeadm\""), "\(get.log)")

        // A directory: one document per file, named after it.
        let directory = try TemporaryDirectory.make(prefix: "apply-dir")
        try clusterRoute(host: "one.test", backend: backend, tag: "one").replacingOccurrences(of: "app", with: "one")
            .replacingOccurrences(of: "tag", with: "mark").write(toFile: "\(directory)/one.yaml", atomically: true, encoding: .utf8)
        try clusterRoute(host: "two.test", backend: backend, tag: "two").replacingOccurrences(of: "app", with: "two")
            .replacingOccurrences(of: "tag", with: "label").write(toFile: "\(directory)/two.yaml", atomically: true, encoding: .utf8)
        let applyDirectory = try DaemonProcess("teeadm", ["config", "apply", "-f", directory, "--controller", socket])
        #expect(await applyDirectory.waitForExit() == 0, "\(applyDirectory.log)")
        #expect(applyDirectory.log.contains("(document one)") && applyDirectory.log.contains("+ router two@api"), "\(applyDirectory.log)")
        #expect(await ClusterFixture.eventually { await Self.serves(p1.webPort, host: "two.test", tag: "two") })
        let servesOne = await Self.serves(p1.webPort, host: "one.test", tag: "one")
        let servesFirst = await Self.serves(p1.webPort, host: "app.test", tag: "teeadm")
        #expect(servesOne && servesFirst, "documents from a directory sit beside main")
        let getOne = try DaemonProcess("teeadm", ["config", "get", "--name", "one", "-o", "json", "--controller", socket])
        #expect(await getOne.waitForExit() == 0 && getOne.log.contains("\"rule\" : \"Host(`one.test`)\""), "\(getOne.log)")

        // A file with an invalid object is refused before anything is sent, naming the object.
        let broken = try TemporaryDirectory.write("http:\n  routers:\n    r:\n      rule: \"Host(`x`)\"\n", named: "broken.yaml")
        let refused = try DaemonProcess("teeadm", ["config", "apply", "-f", broken, "--controller", socket])
        #expect(await refused.waitForExit() != 0)
        #expect(refused.log.contains("has invalid objects") && refused.log.contains("missing service"), "\(refused.log)")
        // No controller at the address: the error says what to check.
        let nowhere = try DaemonProcess("teeadm", ["config", "get", "--controller", "unix:/nonexistent/controller.sock"])
        #expect(await nowhere.waitForExit() != 0)
        #expect(nowhere.log.contains("cannot reach the controller") && nowhere.log.contains("systemctl status tee-controller"))
    }
}

extension ClusterTests {
    @Test("teeadm mesh apply: the mesh's services and policy are checked, stored and carried by the snapshot; proxies keep routing")
    func meshDocument() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let cluster = try await ClusterFixture(controllers: 1)
        let p1 = try await cluster.startProxy("p1")
        #expect(await ClusterFixture.eventually { await cluster.leader() != nil })
        let socket = "unix:\(cluster.apiSocket(0))"
        let route = try TemporaryDirectory.write(clusterRoute(host: "app.test", backend: backend, tag: "before-mesh"), named: "app.yaml")
        let applied = try DaemonProcess("teeadm", ["config", "apply", "-f", route, "--controller", socket])
        #expect(await applied.waitForExit() == 0, "\(applied.log)")
        #expect(await ClusterFixture.eventually { await Self.serves(p1.webPort, host: "app.test", tag: "before-mesh") })

        let mesh = try TemporaryDirectory.write("""
            - kind: MeshService
              metadata: {name: api, namespace: shop}
              spec:
                port: 80
                instances: [{node: n1, port: 9001, uid: 1001}]
            - kind: TrafficTarget
              metadata: {name: web-to-api, namespace: shop}
              spec:
                destination: api
                sources: [web]
            """, named: "mesh.yaml")
        let meshApply = try DaemonProcess("teeadm", ["mesh", "apply", "-f", mesh, "--controller", socket])
        #expect(await meshApply.waitForExit() == 0, "\(meshApply.log)")
        #expect(meshApply.log.contains("1 service(s), 1 traffic target(s)") && meshApply.log.contains("Applied."), "\(meshApply.log)")
        // The snapshot carries it beside the routes, and the proxies go on routing.
        #expect(await ClusterFixture.eventually {
            let snapshot = (try? await cluster.api("/api/v1/snapshot", via: 0))??.body ?? ""
            return snapshot.contains("mesh/main") && snapshot.contains("api/main")
        })
        #expect(await Self.serves(p1.webPort, host: "app.test", tag: "before-mesh"))
        let get = try DaemonProcess("teeadm", ["mesh", "get", "--controller", socket])
        #expect(await get.waitForExit() == 0 && get.log.contains("web-to-api"), "\(get.log)")
        let again = try DaemonProcess("teeadm", ["mesh", "apply", "-f", mesh, "--controller", socket])
        #expect(await again.waitForExit() == 0 && again.log.contains("No changes."), "\(again.log)")

        // A bad document is refused by teeadm with its line, and by the API when sent directly.
        let broken = try TemporaryDirectory.write("- kind: TrafficTarget\n  metadata: {name: t}\n  spec:\n    destination: api\n    sources: [web]\n    rules: [{kind: TCPRoute, name: nowhere}]\n", named: "broken.yaml")
        let refused = try DaemonProcess("teeadm", ["mesh", "apply", "-f", broken, "--controller", socket])
        #expect(await refused.waitForExit() != 0)
        #expect(refused.log.contains("broken.yaml:6") && refused.log.contains("no TCPRoute 'nowhere'"), "\(refused.log)")
        let direct = try await Curl.run(["-s", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket", cluster.apiSocket(0), "-X", "PUT",
                                   "--data-binary", "@\(broken)", "http://localhost/api/v1/mesh"])
        #expect(direct.output == "422", "\(direct.output)")
        let still = try DaemonProcess("teeadm", ["mesh", "get", "--controller", socket])
        #expect(await still.waitForExit() == 0 && still.log.contains("web-to-api"), "the refused document changed nothing")
    }
}
