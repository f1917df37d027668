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
}
