import Foundation
import TEETesting
import Testing

@Suite("teeadm init, token and status on a real etcd member and controller", .serialized)
struct TeeadmInitTests {
    /// `teeadm init --no-systemd` into temporary directories on free ports; returns its output.
    static func initialize(_ directory: String, ports: [Int], extra: [String] = []) async throws -> (status: Int32?, log: String) {
        let process = try DaemonProcess("teeadm", [
            "init", "--no-systemd", "--name", "c1", "--advertise-address", "127.0.0.1",
            "--config-dir", "\(directory)/etc", "--state-dir", "\(directory)/state", "--defaults-file", "\(directory)/default/tee-controller",
            "--etcd-client-port", "\(ports[0])", "--etcd-peer-port", "\(ports[1])", "--api-port", "\(ports[2])",
            "--distribution-port", "\(ports[3])",
        ] + extra)
        let status = await process.waitForExit()
        return (status, process.log)
    }

    /// Runs teeadm with `arguments`; its exit status and output.
    static func teeadm(_ arguments: [String]) async throws -> (status: Int32?, log: String) {
        let process = try DaemonProcess("teeadm", arguments)
        let status = await process.waitForExit()
        return (status, process.log)
    }

    /// Starts the etcd member and the controller whose commands init, join or restore printed.
    static func startPrinted(_ output: String, socket: String) throws -> [DaemonProcess] {
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let etcd = try DaemonProcess("/usr/bin/etcd", try #require(lines.first { $0.hasPrefix("etcd --config-file") })
            .split(separator: " ").dropFirst().map(String.init))
        let controller = try DaemonProcess("tee-controller", try #require(lines.first { $0.hasPrefix("tee-controller ") })
            .split(separator: " ").dropFirst().map(String.init) + ["--api-socket", socket])
        return [etcd, controller]
    }

    /// The SHA-256 pin of a CA certificate's public key, computed by openssl.
    static func opensslPin(_ caFile: String) async throws -> String {
        let script = "openssl x509 -in \(caFile) -pubkey -noout | openssl pkey -pubin -outform der | sha256sum"
        let process = try DaemonProcess("/bin/sh", ["-c", script])
        _ = await process.waitForExit()
        return "sha256:" + (process.log.split(separator: " ").first.map(String.init) ?? "")
    }

    @Test("init writes the PKI and configuration, prints a pin openssl agrees with, refuses to run twice, and what it wrote runs")
    func initAndRun() async throws {
        let directory = try TemporaryDirectory.make(prefix: "teeadm-init")
        let ports = try (0..<4).map { _ in try FreePort.next() }
        let first = try await Self.initialize(directory, ports: ports)
        #expect(first.status == 0, "\(first.log)")
        let pki = "\(directory)/etc/pki"
        for file in ["ca.pem", "ca.key", "node.pem", "node.key", "data.key"] {
            #expect(FileManager.default.fileExists(atPath: "\(pki)/\(file)"), "\(file)")
        }
        for key in ["ca.key", "node.key", "data.key"] {
            let mode = (try FileManager.default.attributesOfItem(atPath: "\(pki)/\(key)")[.posixPermissions] as? NSNumber)?.intValue
            #expect(mode == 0o600, "\(key) is private")
        }
        let pin = try #require(first.log.firstMatch(of: /--ca-cert-hash (sha256:[0-9a-f]{64})/)?.1)
        #expect(String(pin) == (try await Self.opensslPin("\(pki)/ca.pem")))
        let caBefore = try String(contentsOfFile: "\(pki)/ca.pem", encoding: .utf8)

        // Again, without --force: refused, nothing overwritten.
        let second = try await Self.initialize(directory, ports: ports)
        #expect(second.status != 0)
        #expect(second.log.contains("already set up") && second.log.contains("nothing was written"), "\(second.log)")
        #expect(try String(contentsOfFile: "\(pki)/ca.pem", encoding: .utf8) == caBefore)

        // Run what init printed: etcd with mutual TLS, and the controller.
        let etcdLine = try #require(first.log.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("etcd --config-file") })
        let controllerLine = try #require(first.log.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("tee-controller ") })
        let etcdArguments = etcdLine.split(separator: " ").dropFirst().map(String.init)
        let etcd = try DaemonProcess("/usr/bin/etcd", etcdArguments)
        defer { etcd.send(SIGKILL) }
        #expect(await etcd.waitForLog("ready to serve client requests"), "\(etcd.log)")
        let socket = "\(directory)/controller.sock"
        let controller = try DaemonProcess("tee-controller", controllerLine.split(separator: " ").dropFirst().map(String.init)
            + ["--api-socket", socket])
        defer { controller.send(SIGKILL) }
        #expect(await controller.waitForLog("Snapshot compiled"), "\(controller.log)")

        func teeadm(_ arguments: [String]) async throws -> (status: Int32?, log: String) {
            let process = try DaemonProcess("teeadm", arguments + ["--controller", "unix:\(socket)"])
            let status = await process.waitForExit()
            return (status, process.log)
        }
        let created = try await teeadm(["token", "create", "--role", "proxy", "--description", "p1"])
        #expect(created.status == 0, "\(created.log)")
        let token = try #require(created.log.firstMatch(of: /([a-z0-9]{6})\.[a-z0-9]{16}/))
        let listed = try await teeadm(["token", "list"])
        #expect(listed.log.contains("ID") && listed.log.contains(String(token.1)) && listed.log.contains("proxy"), "\(listed.log)")
        #expect(!listed.log.contains(String(token.0)), "the secret is not listed")
        let badRole = try await teeadm(["token", "create", "--role", "admin"])
        #expect(badRole.status != 0 && badRole.log.contains("not one of controller, proxy, mesh"), "\(badRole.log)")
        #expect(try await teeadm(["token", "delete", String(token.1)]).status == 0)

        let status = try await teeadm(["status"])
        #expect(status.status == 0, "\(status.log)")
        #expect(status.log.hasPrefix("Healthy: 1 controller(s), leader c1, etcd healthy"), "\(status.log)")
        #expect(status.log.contains("c1") && status.log.contains("leader"))

        // Certificates' expiry: the CA (10 years) and the node (1 year); 400 days' notice flags the node's.
        let expiry = try DaemonProcess("teeadm", ["certs", "check-expiration", "--config-dir", "\(directory)/etc"])
        #expect(await expiry.waitForExit() == 0, "\(expiry.log)")
        #expect(expiry.log.contains("cluster CA") && expiry.log.contains("9y") && expiry.log.contains("node"), "\(expiry.log)")
        let soon = try DaemonProcess("teeadm", ["certs", "check-expiration", "--config-dir", "\(directory)/etc", "--warn-within", "400"])
        #expect(await soon.waitForExit() == 1 && soon.log.contains("expires within 400 days"))

        // Reset: the last member is not removed from itself, and the local state goes.
        let reset = try DaemonProcess("teeadm", ["reset", "--no-systemd", "--name", "c1", "--config-dir", "\(directory)/etc",
                                                 "--state-dir", "\(directory)/state", "--defaults-file", "\(directory)/default/tee-controller",
                                                 "--controller", "unix:\(socket)"])
        #expect(await reset.waitForExit() == 0, "\(reset.log)")
        #expect(reset.log.contains("last etcd member") && reset.log.contains("[reset] removed"), "\(reset.log)")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/etc/pki") && !FileManager.default.fileExists(atPath: "\(directory)/state/etcd"))
    }

    @Test("preflight names a port in use and a missing directory's problems without writing anything")
    func preflight() async throws {
        let directory = try TemporaryDirectory.make(prefix: "teeadm-preflight")
        let ports = try (0..<4).map { _ in try FreePort.next() }
        let listener = try TCPEchoServer()
        defer { listener.stop() }
        var busy = ports
        busy[2] = listener.port
        let result = try await Self.initialize(directory, ports: busy)
        #expect(result.status != 0)
        #expect(result.log.contains("127.0.0.1:\(listener.port) (the API) is in use"), "\(result.log)")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/etc/pki/ca.pem"))
    }

    @Test("teeadm join: a wrong hash or a token of another role is refused with nothing written; a proxy that joins is configured by the cluster")
    func join() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let directory = try TemporaryDirectory.make(prefix: "teeadm-join")
        let ports = try (0..<4).map { _ in try FreePort.next() }
        let initialized = try await Self.initialize(directory, ports: ports)
        #expect(initialized.status == 0, "\(initialized.log)")
        let pin = String(try #require(initialized.log.firstMatch(of: /--ca-cert-hash (sha256:[0-9a-f]{64})/)?.1))
        let lines = initialized.log.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let etcd = try DaemonProcess("/usr/bin/etcd", try #require(lines.first { $0.hasPrefix("etcd --config-file") }).split(separator: " ").dropFirst().map(String.init))
        defer { etcd.send(SIGKILL) }
        #expect(await etcd.waitForLog("ready to serve client requests"))
        let socket = "\(directory)/controller.sock"
        let controller = try DaemonProcess("tee-controller", try #require(lines.first { $0.hasPrefix("tee-controller ") })
            .split(separator: " ").dropFirst().map(String.init) + ["--api-socket", socket])
        defer { controller.send(SIGKILL) }
        #expect(await controller.waitForLog("Snapshot compiled"), "\(controller.log)")
        let proxyToken = try await Self.teeadm(["token", "create", "--role", "proxy", "--controller", "unix:\(socket)"]).log
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let controllerToken = try await Self.teeadm(["token", "create", "--role", "controller", "--controller", "unix:\(socket)"]).log
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let node = try TemporaryDirectory.make(prefix: "node")
        let webPort = try FreePort.next()
        let joinArguments = ["join", "127.0.0.1:\(ports[2])", "--role", "proxy", "--name", "p1", "--config-dir", "\(node)/etc",
                             "--state-dir", "\(node)/state", "--entry-point", "web=127.0.0.1:\(webPort)", "--no-systemd"]

        let wrongPin = try await Self.teeadm(joinArguments + ["--token", proxyToken, "--ca-cert-hash", "sha256:" + String(repeating: "0", count: 64)])
        #expect(wrongPin.status != 0 && wrongPin.log.contains("has hash \(pin)") && wrongPin.log.contains("nothing was written"), "\(wrongPin.log)")
        let wrongRole = try await Self.teeadm(joinArguments + ["--token", controllerToken, "--ca-cert-hash", pin])
        #expect(wrongRole.status != 0 && wrongRole.log.contains("is for role controller, not proxy"), "\(wrongRole.log)")
        #expect(!FileManager.default.fileExists(atPath: "\(node)/etc/pki/node.pem"), "nothing written on refusal")

        let joined = try await Self.teeadm(joinArguments + ["--token", proxyToken, "--ca-cert-hash", pin])
        #expect(joined.status == 0, "\(joined.log)")
        let configuration = try String(contentsOfFile: "\(node)/etc/proxy.yaml", encoding: .utf8)
        #expect(configuration.contains("nodeName: p1") && configuration.contains("controllers: [\"127.0.0.1:\(ports[3])\"]"), "\(configuration)")
        let proxy = try DaemonProcess("tee-proxy", ["--config", "\(node)/etc/proxy.yaml"])
        defer { proxy.send(SIGKILL) }
        #expect(await proxy.waitForLog("Snapshot applied"), "\(proxy.log)")

        let file = try TemporaryDirectory.write(clusterRoute(host: "app.test", backend: backend, tag: "joined"), named: "app.yaml")
        #expect(try await Self.teeadm(["config", "apply", "-f", file, "--controller", "unix:\(socket)"]).status == 0)
        #expect(await ClusterFixture.eventually { await ClusterTests.serves(webPort, host: "app.test", tag: "joined") }, "\(proxy.log)")
        let status = try await Self.teeadm(["status", "--controller", "unix:\(socket)"])
        #expect(status.status == 0 && status.log.contains("1/1 proxies and agents on snapshot"), "\(status.log)")

        // The TCP API: refused without a client certificate, open with the joined node's.
        let api = "https://127.0.0.1:\(ports[2])/api/v1/nodes"
        let anonymous = try await Curl.run(["-k", "-o", "/dev/null", "-w", "status=%{http_code}\n", api])
        #expect(anonymous.output.contains("status=401"), "\(anonymous.output)")
        let withCertificate = try await Curl.run(["--cacert", "\(node)/etc/pki/ca.pem", "--cert", "\(node)/etc/pki/node.pem",
                                                  "--key", "\(node)/etc/pki/node.key", api])
        #expect(withCertificate.output.contains("\"name\":\"p1\""), "\(withCertificate.output)")

        // Renewal from the proxy: a controller signs a new certificate for a new key, presented with the current one.
        let before = try String(contentsOfFile: "\(node)/etc/pki/node.pem", encoding: .utf8)
        let renewed = try await Self.teeadm(["certs", "renew", "--config-dir", "\(node)/etc", "--controller", "127.0.0.1:\(ports[2])"])
        #expect(renewed.status == 0 && renewed.log.contains("Renewed"), "\(renewed.log)")
        #expect(try String(contentsOfFile: "\(node)/etc/pki/node.pem", encoding: .utf8) != before)
        let verified = try DaemonProcess("/usr/bin/openssl", ["verify", "-CAfile", "\(node)/etc/pki/ca.pem", "\(node)/etc/pki/node.pem"])
        #expect(await verified.waitForExit() == 0, "\(verified.log)")
        let withRenewed = try await Curl.run(["--cacert", "\(node)/etc/pki/ca.pem", "--cert", "\(node)/etc/pki/node.pem",
                                              "--key", "\(node)/etc/pki/node.key", api])
        #expect(withRenewed.output.contains("\"name\":\"p1\""), "the renewed certificate and key work: \(withRenewed.output)")
    }

    @Test("a second controller joins: its etcd member joins as a learner, is promoted, and the cluster takes writes through it")
    func controllerJoin() async throws {
        let first = try TemporaryDirectory.make(prefix: "c1")
        let ports = try (0..<4).map { _ in try FreePort.next() }
        let initialized = try await Self.initialize(first, ports: ports)
        #expect(initialized.status == 0, "\(initialized.log)")
        let pin = String(try #require(initialized.log.firstMatch(of: /--ca-cert-hash (sha256:[0-9a-f]{64})/)?.1))
        let firstSocket = "\(first)/c1.sock"
        let c1 = try Self.startPrinted(initialized.log, socket: firstSocket)
        defer { for process in c1 { process.send(SIGKILL) } }
        #expect(await c1[1].waitForLog("Snapshot compiled"), "\(c1[1].log)")
        let token = try await Self.teeadm(["token", "create", "--role", "controller", "--controller", "unix:\(firstSocket)"]).log
            .trimmingCharacters(in: .whitespacesAndNewlines)

        let second = try TemporaryDirectory.make(prefix: "c2")
        let secondPorts = try (0..<4).map { _ in try FreePort.next() }
        let joined = try await Self.teeadm([
            "join", "127.0.0.1:\(ports[2])", "--role", "controller", "--name", "c2", "--advertise-address", "127.0.0.1",
            "--token", token, "--ca-cert-hash", pin, "--no-systemd",
            "--config-dir", "\(second)/etc", "--state-dir", "\(second)/state", "--defaults-file", "\(second)/default/tee-controller",
            "--etcd-client-port", "\(secondPorts[0])", "--etcd-peer-port", "\(secondPorts[1])", "--api-port", "\(secondPorts[2])",
            "--distribution-port", "\(secondPorts[3])",
        ])
        #expect(joined.status == 0, "\(joined.log)")
        let etcdConfiguration = try String(contentsOfFile: "\(second)/etc/etcd.conf.yml", encoding: .utf8)
        #expect(etcdConfiguration.contains("initial-cluster-state: existing") && etcdConfiguration.contains("c1=https://127.0.0.1:\(ports[1])"),
                "\(etcdConfiguration)")
        #expect(try String(contentsOfFile: "\(second)/etc/pki/ca.key", encoding: .utf8)
            == (try String(contentsOfFile: "\(first)/etc/pki/ca.key", encoding: .utf8)), "the CA key came over, sealed")
        #expect(try String(contentsOfFile: "\(second)/etc/pki/data.key", encoding: .utf8)
            == (try String(contentsOfFile: "\(first)/etc/pki/data.key", encoding: .utf8)))

        let secondSocket = "\(second)/c2.sock"
        let c2 = try Self.startPrinted(joined.log, socket: secondSocket)
        defer { for process in c2 { process.send(SIGKILL) } }
        #expect(await c2[0].waitForLog("ready to serve client requests"), "\(c2[0].log)")
        // Promoted once caught up: two voting members.
        var members = ""
        let promoted = await ClusterFixture.eventually(.seconds(20)) {
            members = (try? await Curl.run(["--unix-socket", firstSocket, "http://tee/api/v1/members"]))?.output ?? ""
            return members.contains("\"name\":\"c2\"") && !members.contains("\"learner\":true")
        }
        #expect(promoted, "\(members)\n\(c1[1].log.suffix(3000))")
        // Writes through the new controller take effect cluster-wide.
        let file = try TemporaryDirectory.write("http:\n  routers:\n    r:\n      rule: \"Host(`x`)\"\n      service: s\n  services:\n    s:\n      loadBalancer:\n        servers: [{url: \"http://127.0.0.1:1\"}]\n", named: "r.yaml")
        #expect(await ClusterFixture.eventually(.seconds(10)) {
            (try? await Self.teeadm(["config", "apply", "-f", file, "--controller", "unix:\(secondSocket)"]))?.status == 0
        })
        var status = ""
        let listed = await ClusterFixture.eventually(.seconds(10)) {
            status = (try? await Self.teeadm(["status", "--controller", "unix:\(firstSocket)"]))?.log ?? ""
            return status.contains("2 controller(s)")
        }
        #expect(listed, "\(status)")

        // Removing a controller: its etcd member goes first; the answering controller refuses to remove itself.
        let refused = try await Self.teeadm(["node", "remove", "c1", "--controller", "unix:\(firstSocket)"])
        #expect(refused.status != 0 && refused.log.contains("is the controller answering"), "\(refused.log)")
        // etcd removes a voting member only once the rest have been connected a few seconds ("unhealthy cluster" until then).
        var removed = ""
        _ = await ClusterFixture.eventually(.seconds(15)) {
            removed = (try? await Self.teeadm(["node", "remove", "c2", "--controller", "unix:\(firstSocket)"]))?.log ?? ""
            return removed.contains("Removed c2 and its etcd member")
        }
        #expect(removed.contains("Removed c2 and its etcd member"), "\(removed)")
        let remaining = try await Curl.run(["--unix-socket", firstSocket, "http://tee/api/v1/members"]).output
        #expect(!remaining.contains("\"name\":\"c2\"") && remaining.contains("\"name\":\"c1\""), "\(remaining)")
    }

    @Test("backup create, inspect and restore: a new one-controller cluster with the same CA, data and configuration")
    func backup() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let first = try TemporaryDirectory.make(prefix: "backup-a")
        let ports = try (0..<4).map { _ in try FreePort.next() }
        let initialized = try await Self.initialize(first, ports: ports)
        #expect(initialized.status == 0, "\(initialized.log)")
        let socket = "\(first)/c.sock"
        let original = try Self.startPrinted(initialized.log, socket: socket)
        #expect(await original[1].waitForLog("Snapshot compiled"), "\(original[1].log)")
        let file = try TemporaryDirectory.write(clusterRoute(host: "app.test", backend: backend, tag: "backed-up"), named: "app.yaml")
        #expect(try await Self.teeadm(["config", "apply", "-f", file, "--controller", "unix:\(socket)"]).status == 0)
        let passphrase = try TemporaryDirectory.write("correct horse battery staple\n", named: "passphrase")
        let archive = "\(first)/cluster.teebackup"
        let created = try await Self.teeadm(["backup", "create", "-o", archive, "--passphrase-file", passphrase, "--config-dir", "\(first)/etc",
                                        "--controller", "unix:\(socket)"])
        #expect(created.status == 0 && created.log.contains("encrypted"), "\(created.log)")
        for process in original { process.send(SIGKILL) }

        let sealed = try await Self.teeadm(["backup", "inspect", archive])
        #expect(sealed.status == 0 && sealed.log.contains("encrypted: yes") && !sealed.log.contains("etcd:"), "\(sealed.log)")
        let wrong = try TemporaryDirectory.write("not the passphrase\n", named: "wrong")
        let refused = try await Self.teeadm(["backup", "inspect", archive, "--passphrase-file", wrong])
        #expect(refused.status != 0 && refused.log.contains("does not open this backup"), "\(refused.log)")
        let opened = try await Self.teeadm(["backup", "inspect", archive, "--passphrase-file", passphrase])
        #expect(opened.log.contains("pki/ca.key") && opened.log.contains("etcd:"), "\(opened.log)")

        let second = try TemporaryDirectory.make(prefix: "backup-b")
        let secondPorts = try (0..<4).map { _ in try FreePort.next() }
        let restored = try await Self.teeadm([
            "backup", "restore", archive, "--passphrase-file", passphrase, "--name", "c9", "--no-systemd",
            "--config-dir", "\(second)/etc", "--state-dir", "\(second)/state", "--defaults-file", "\(second)/default/tee-controller",
            "--etcd-client-port", "\(secondPorts[0])", "--etcd-peer-port", "\(secondPorts[1])", "--api-port", "\(secondPorts[2])",
            "--distribution-port", "\(secondPorts[3])",
        ])
        #expect(restored.status == 0, "\(restored.log)")
        #expect(try String(contentsOfFile: "\(second)/etc/pki/ca.pem", encoding: .utf8)
            == (try String(contentsOfFile: "\(first)/etc/pki/ca.pem", encoding: .utf8)), "the same CA")
        let secondSocket = "\(second)/c.sock"
        let brought = try Self.startPrinted(restored.log, socket: secondSocket)
        defer { for process in brought { process.send(SIGKILL) } }
        #expect(await brought[0].waitForLog("ready to serve client requests"), "\(brought[0].log)")
        var configuration = ""
        _ = await ClusterFixture.eventually(.seconds(15)) {
            configuration = (try? await Self.teeadm(["config", "get", "--controller", "unix:\(secondSocket)"]))?.log ?? ""
            return configuration.contains("backed-up")
        }
        #expect(configuration.contains("X-Config: \"backed-up\""), "\(configuration)\n\(brought[1].log.suffix(2000))")
    }
}
