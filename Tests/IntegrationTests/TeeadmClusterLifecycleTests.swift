import Foundation
import TEETesting
import Testing

@Suite("teeadm builds, checks, backs up and restores a whole cluster on loopback (--no-systemd)")
struct TeeadmClusterLifecycleTests {
    typealias Init = TeeadmInitTests

    /// A controller's or proxy's directory and ports.
    struct Node {
        let directory: String
        let ports: [Int]
        var socket: String { "\(self.directory)/api.sock" }
        var controllerArguments: [String] {
            ["--config-dir", "\(self.directory)/etc", "--state-dir", "\(self.directory)/state",
             "--defaults-file", "\(self.directory)/default/tee-controller",
             "--etcd-client-port", "\(self.ports[0])", "--etcd-peer-port", "\(self.ports[1])", "--api-port", "\(self.ports[2])",
             "--distribution-port", "\(self.ports[3])"]
        }

        static func make(_ name: String) throws -> Node {
            Node(directory: try TemporaryDirectory.make(prefix: name), ports: try (0..<4).map { _ in try FreePort.next() })
        }
    }

    @Test("init, two controller joins and a proxy join; expired, wrong-role and wrong-hash joins refused; a certificate served; status; backup, wipe, restore")
    func lifecycle() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        var processes: [DaemonProcess] = []
        defer { for process in processes { process.send(SIGKILL) } }

        // init c1.
        let c1 = try Node.make("c1")
        let initialized = try await Init.teeadm(["init", "--no-systemd", "--name", "c1", "--advertise-address", "127.0.0.1"] + c1.controllerArguments)
        #expect(initialized.status == 0, "\(initialized.log)")
        let pin = String(try #require(initialized.log.firstMatch(of: /--ca-cert-hash (sha256:[0-9a-f]{64})/)?.1))
        processes += try Init.startPrinted(initialized.log, socket: c1.socket)
        #expect(await processes[1].waitForLog("Snapshot compiled"), "\(processes[1].log)")
        let api = ["--controller", "unix:\(c1.socket)"]
        func token(_ role: String, ttl: String = "1h") async throws -> String {
            try await Init.teeadm(["token", "create", "--role", role, "--ttl", ttl] + api).log.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        // Two more controllers, one at a time (etcd takes one learner at a time).
        for name in ["c2", "c3"] {
            let node = try Node.make(name)
            let controllerToken = try await token("controller")
            var joined: (status: Int32?, log: String) = (nil, "")
            _ = await ClusterFixture.eventually(.seconds(30)) {
                joined = (try? await Init.teeadm(["join", "127.0.0.1:\(c1.ports[2])", "--role", "controller", "--name", name,
                                                  "--advertise-address", "127.0.0.1", "--token", controllerToken, "--ca-cert-hash", pin,
                                                  "--no-systemd"] + node.controllerArguments)) ?? (nil, "")
                return joined.status == 0
            }
            #expect(joined.status == 0, "\(name): \(joined.log)")
            processes += try Init.startPrinted(joined.log, socket: node.socket)
        }

        // Refusals: an expired token, a token of another role, a wrong hash.
        let proxyNode = try Node.make("p1")
        let webPort = try FreePort.next()
        let joinProxy = ["join", "127.0.0.1:\(c1.ports[2])", "--role", "proxy", "--name", "p1", "--config-dir", "\(proxyNode.directory)/etc",
                         "--state-dir", "\(proxyNode.directory)/state", "--entry-point", "web=127.0.0.1:\(webPort)", "--no-systemd"]
        let expiring = try await token("proxy", ttl: "1s")
        try await Task.sleep(for: .milliseconds(1500))
        let expired = try await Init.teeadm(joinProxy + ["--token", expiring, "--ca-cert-hash", pin])
        #expect(expired.status != 0 && expired.log.contains("has expired"), "\(expired.log)")
        let wrongRole = try await Init.teeadm(joinProxy + ["--token", try await token("mesh"), "--ca-cert-hash", pin])
        #expect(wrongRole.status != 0 && wrongRole.log.contains("is for role mesh, not proxy"), "\(wrongRole.log)")
        let wrongHash = try await Init.teeadm(joinProxy + ["--token", try await token("proxy"), "--ca-cert-hash", "sha256:" + String(repeating: "a", count: 64)])
        #expect(wrongHash.status != 0 && wrongHash.log.contains("not the sha256:aaaa"), "\(wrongHash.log)")

        // The proxy joins and serves a stored certificate for its SNI name.
        let proxyJoined = try await Init.teeadm(joinProxy + ["--token", try await token("proxy"), "--ca-cert-hash", pin])
        #expect(proxyJoined.status == 0, "\(proxyJoined.log)")
        var proxy = try DaemonProcess("tee-proxy", ["--config", "\(proxyNode.directory)/etc/proxy.yaml"])
        processes.append(proxy)
        let site = try await TestCertificates()
        let siteCertificate = try await site.issue("site", names: ["secure.test"])
        #expect(try await Init.teeadm(["cert", "import", "--cert", siteCertificate.certFile, "--key", siteCertificate.keyFile] + api).status == 0)
        let route = clusterRoute(host: "secure.test", backend: backend, tag: "lifecycle")
            .replacingOccurrences(of: "      middlewares: [tag]\n", with: "      middlewares: [tag]\n      tls: {}\n")
        let routeFile = try TemporaryDirectory.write(route, named: "route.yaml")
        #expect(try await Init.teeadm(["config", "apply", "-f", routeFile] + api).status == 0)
        func servedOverTLS() async -> Bool {
            let result = try? await Curl.run(["-i", "--cacert", site.caFile, "--resolve", "secure.test:\(webPort):127.0.0.1",
                                              "https://secure.test:\(webPort)/"])
            return result?.status == 0 && result?.output.lowercased().contains("x-config: lifecycle") == true
        }
        #expect(await ClusterFixture.eventually(.seconds(15)) { await servedOverTLS() }, "\(proxy.log)")

        // status -o json: three controllers, a leader, the proxy on the snapshot in service.
        var report = ""
        let complete = await ClusterFixture.eventually(.seconds(15)) {
            report = (try? await Init.teeadm(["status", "-o", "json"] + api))?.log ?? ""
            guard let object = try? JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any],
                  let nodes = (object["nodes"] as? [String: Any])?["nodes"] as? [[String: Any]],
                  let health = object["health"] as? [String: Any], let runtime = object["runtime"] as? [String: Any] else { return false }
            let controllers = nodes.filter { $0["role"] as? String == "controller" }
            let p1 = nodes.first { $0["name"] as? String == "p1" }
            return controllers.count == 3 && health["leader"] is String
                && (p1?["appliedVersion"] as? Int) == (runtime["version"] as? Int)
        }
        #expect(complete, "\(report)")

        // Backup, wipe every node, restore c1 on a fresh directory; the proxy rejoins.
        let passphrase = try TemporaryDirectory.write("a long enough passphrase\n", named: "passphrase")
        let archive = "\(try TemporaryDirectory.make(prefix: "backup"))/cluster.teebackup"
        let backup = try await Init.teeadm(["backup", "create", "-o", archive, "--passphrase-file", passphrase,
                                            "--config-dir", "\(c1.directory)/etc"] + api)
        #expect(backup.status == 0, "\(backup.log)")
        for process in processes { process.send(SIGKILL) }
        for process in processes { _ = await process.waitForExit(timeout: .seconds(10)) }
        processes = []
        let restoredNode = try Node.make("restored")
        let restored = try await Init.teeadm(["backup", "restore", archive, "--passphrase-file", passphrase, "--name", "c1",
                                              "--advertise-address", "127.0.0.1", "--no-systemd"] + restoredNode.controllerArguments)
        #expect(restored.status == 0, "\(restored.log)")
        processes += try Init.startPrinted(restored.log, socket: restoredNode.socket)
        #expect(await processes[0].waitForLog("ready to serve client requests"), "\(processes[0].log)")
        let restoredAPI = ["--controller", "unix:\(restoredNode.socket)"]
        var rejoinToken = ""
        _ = await ClusterFixture.eventually(.seconds(20)) {
            rejoinToken = (try? await Init.teeadm(["token", "create", "--role", "proxy"] + restoredAPI))?.log
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return rejoinToken.wholeMatch(of: /[a-z0-9]{6}\.[a-z0-9]{16}/) != nil
        }
        let rejoinedNode = try Node.make("p1-again")
        let rejoined = try await Init.teeadm(["join", "127.0.0.1:\(restoredNode.ports[2])", "--role", "proxy", "--name", "p1",
                                              "--config-dir", "\(rejoinedNode.directory)/etc", "--state-dir", "\(rejoinedNode.directory)/state",
                                              "--entry-point", "web=127.0.0.1:\(webPort)", "--no-systemd", "--token", rejoinToken,
                                              "--ca-cert-hash", pin])
        #expect(rejoined.status == 0, "the CA hash is the same after restore: \(rejoined.log)")
        proxy = try DaemonProcess("tee-proxy", ["--config", "\(rejoinedNode.directory)/etc/proxy.yaml"])
        processes.append(proxy)
        #expect(await ClusterFixture.eventually(.seconds(20)) { await servedOverTLS() },
                "configuration and certificate back and served:\n\(proxy.log.suffix(2000))")
    }
}
