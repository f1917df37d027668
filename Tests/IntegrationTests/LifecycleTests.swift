import Foundation
import TEEPKI
import TEETesting
import Testing

@Suite("daemon lifecycle")
struct LifecycleTests {
    static func slowRoute(_ backend: TestBackend) -> String {
        """
        http:
          routers:
            all:
              rule: "PathPrefix(`/`)"
              service: slow
          services:
            slow:
              loadBalancer:
                servers: [{url: "\(backend.url)"}]
        """
    }

    @Test("SIGTERM closes listeners first and lets an in-flight request finish")
    func gracefulDrain() async throws {
        let backend = try await TestBackend(name: "slow")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: Self.slowRoute(backend), entryPointExtra: """
                transport:
                  lifeCycle:
                    graceTimeOut: 60s
            """)
        // A request the server takes 12 s to answer is in flight. On a machine the whole suite loads, the
        // steps below can stall for seconds, so the daemon's exit counts as early only before the answer
        // could have come.
        let inFlight = try TestConnection(port: proxy.webPort, timeout: .seconds(60))
        let sent = ContinuousClock.now
        try await inFlight.send("GET /slow/12000 HTTP/1.1\r\nHost: x\r\n\r\n")
        try await Task.sleep(for: .milliseconds(300))

        proxy.process.send(SIGTERM)
        try #require(await proxy.process.waitForLog("Closing listeners"), "log:\n\(proxy.process.log)")
        // The listeners close a moment later (connections accepted last finish their setup first).
        try await Task.sleep(for: .milliseconds(600))
        #expect(throws: (any Error).self, "the listener should be closed") { try proxy.connect() }
        if await proxy.process.waitForExit(timeout: .milliseconds(300)) != nil {
            #expect(ContinuousClock.now - sent >= .seconds(12), "the daemon must wait for the in-flight request")
        }

        let response = await inFlight.readResponse()
        #expect(response?.status == 200)
        #expect(response?.field("uri") == "/slow/12000")
        #expect(await proxy.process.waitForExit() == 0, "log:\n\(proxy.process.log)")
        #expect(proxy.process.log.contains("All connections drained"))
    }

    @Test("the grace timeout bounds the drain")
    func graceTimeoutBoundsDrain() async throws {
        let backend = try await TestBackend(name: "slow")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: Self.slowRoute(backend), entryPointExtra: """
                transport:
                  lifeCycle:
                    graceTimeOut: 500ms
            """)
        let stuck = try proxy.connect()
        try await stuck.send("GET /slow/30000 HTTP/1.1\r\nHost: x\r\n\r\n")
        try await Task.sleep(for: .milliseconds(200))
        let start = ContinuousClock.now
        proxy.process.send(SIGTERM)
        #expect(await proxy.process.waitForExit(timeout: .seconds(15)) == 0, "log:\n\(proxy.process.log)")
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(proxy.process.log.contains("Grace timeout reached"), "log:\n\(proxy.process.log)")
    }

    @Test("exit statuses follow systemd's conventions", arguments: [
        ("entryPoints:\n  web:\n    address: \":x\"\n", Int32(6)),
        ("entryPoints: {}\n", Int32(6)),
        ("entryPoints:\n  web: [\n", Int32(6)),
    ])
    func configurationExitStatus(contents: String, expected: Int32) async throws {
        let path = try TemporaryDirectory.write(contents, named: "proxy.yaml")
        let daemon = try DaemonProcess("tee-proxy", ["--config", path])
        #expect(await daemon.waitForExit() == expected, "log:\n\(daemon.log)")
        #expect(daemon.log.contains(path), "the error should name the file: \(daemon.log)")
    }

    @Test("a port that is in use fails with EXIT_FAILURE and says what to do")
    func portInUse() async throws {
        let config = try ProxyConfigFile()
        let first = try DaemonProcess("tee-proxy", ["--config", config.path])
        defer { first.send(SIGKILL) }
        try #require(await first.waitForLog("Listening address=127.0.0.1:\(config.webPort)"), "log:\n\(first.log)")
        let second = try DaemonProcess("tee-proxy", ["--config", config.path])
        #expect(await second.waitForExit() == 1, "log:\n\(second.log)")
        #expect(second.log.contains("cannot listen on 127.0.0.1:"), "log:\n\(second.log)")
        #expect(second.log.contains("ss -ltnp"))
        // The failed start did not disturb the running daemon.
        #expect(try await TestConnection(port: config.pingPort).get("/ping")?.body == "OK")
    }

    @Test("a missing configuration file names the file")
    func missingFile() async throws {
        let daemon = try DaemonProcess("tee-proxy", ["--config", "/nonexistent/tee/proxy.yaml"])
        #expect(await daemon.waitForExit() == 6)
        #expect(daemon.log.contains("/nonexistent/tee/proxy.yaml: cannot read the configuration file"), "log:\n\(daemon.log)")
    }

    @Test("--check lists every problem with file, key and line and exits non-zero")
    func check() async throws {
        let path = try TemporaryDirectory.write(
            "entryPoints:\n  web:\n    address: nope\n  api: {}\nping:\n  entryPoint: missing\n",
            named: "proxy.yaml"
        )
        let daemon = try DaemonProcess("tee-proxy", ["--config", path, "--check"])
        #expect(await daemon.waitForExit() == 6)
        #expect(daemon.log.contains("\(path):3: entryPoints.web.address: 'nope' is not an address"), "log:\n\(daemon.log)")
        #expect(daemon.log.contains("\(path):4: entryPoints.api: missing address"), "log:\n\(daemon.log)")
        #expect(daemon.log.contains("\(path):5: ping: entry point 'missing' is not defined"), "log:\n\(daemon.log)")

        let valid = try ProxyConfigFile()
        let ok = try DaemonProcess("tee-proxy", ["--config", valid.path, "--check"])
        #expect(await ok.waitForExit() == 0)
    }

    @Test("--check reports an invalid middleware, TCP router and TLS options with file, key and line")
    func checkDynamic() async throws {
        let dynamic = try TemporaryDirectory.write("""
            http:
              routers:
                app:
                  rule: "Host(`a.test`)"
                  service: app
                  middlewares: [limit]
              middlewares:
                limit:
                  rateLimit:
                    average: lots
              services:
                app:
                  loadBalancer:
                    servers: [{url: "http://127.0.0.1:1"}]
            tcp:
              routers:
                db:
                  rule: "HostSNI(`db.test`"
                  service: db
            tls:
              options:
                old:
                  minVersion: VersionSSL3
            """, named: "dynamic.yaml")
        let path = try TemporaryDirectory.write(
            "entryPoints:\n  web:\n    address: \":8080\"\nproviders:\n  file:\n    filename: \(dynamic)\n", named: "proxy.yaml")
        let daemon = try DaemonProcess("tee-proxy", ["--config", path, "--check"])
        #expect(await daemon.waitForExit() != 0)
        #expect(daemon.log.contains("\(dynamic):10: http.middlewares.limit.rateLimit.average: expected a whole number, got 'lots'"),
                "log:\n\(daemon.log)")
        #expect(daemon.log.contains("middleware limit@file is disabled"), "the router that uses it is reported too")
        #expect(daemon.log.contains("\(dynamic):18: tcp.routers.db.rule:"))
        #expect(daemon.log.contains("\(dynamic):23: tls.options.old.minVersion: unknown TLS version 'VersionSSL3'"))
    }

    @Test("tee-controller and tee-mesh run the same lifecycle", arguments: ["tee-controller", "tee-mesh"])
    func otherDaemons(name: String) async throws {
        let receiver = try NotifyReceiver()
        defer { receiver.close() }
        let daemon = try DaemonProcess(name, try Self.minimalArguments(of: name), environment: ["NOTIFY_SOCKET": receiver.path])
        try #require(await receiver.waitFor { $0.has("READY", "1") } != nil, "log:\n\(daemon.log)")
        daemon.send(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
        #expect(receiver.notifications.contains { $0.has("STOPPING", "1") })
    }

    /// What each daemon needs to start on its own: tee-mesh, a standalone file with an empty mesh.
    static func minimalArguments(of name: String) throws -> [String] {
        guard name == "tee-mesh" else { return [] }
        let ca = try ClusterCA.create(clusterName: "lifecycle")
        let directory = try TemporaryDirectory.make(prefix: "mesh-lifecycle")
        try ca.certificatePEM.write(toFile: "\(directory)/ca.pem", atomically: true, encoding: .utf8)
        try ca.keyPEM.write(toFile: "\(directory)/ca.key", atomically: true, encoding: .utf8)
        try "[]\n".write(toFile: "\(directory)/mesh.yaml", atomically: true, encoding: .utf8)
        try """
            node: lifecycle
            listen: "127.0.0.1:\(try FreePort.next())"
            standalone: {meshFile: \(directory)/mesh.yaml, caCertFile: \(directory)/ca.pem, caKeyFile: \(directory)/ca.key}
            """.write(toFile: "\(directory)/agent.yaml", atomically: true, encoding: .utf8)
        return ["--config", "\(directory)/agent.yaml"]
    }
}
