import Foundation
import TEETesting
import Testing

/// A real tee-proxy process talking to a datagram socket that stands in for systemd's NOTIFY_SOCKET.
@Suite("sd_notify from a real daemon")
struct NotifyProtocolTests {
    @Test("READY, STATUS, WATCHDOG, RELOADING, READY, STOPPING arrive in order")
    func lifecycleOrder() async throws {
        let receiver = try NotifyReceiver()
        defer { receiver.close() }
        let config = try ProxyConfigFile()
        let daemon = try DaemonProcess(
            "tee-proxy", ["--config", config.path],
            environment: ["NOTIFY_SOCKET": receiver.path, "WATCHDOG_USEC": "300000"]
        )

        let ready = try #require(await receiver.waitFor { $0.has("READY", "1") }, "no READY=1; log:\n\(daemon.log)")
        #expect(ready.has("STATUS"))
        // READY=1 means every listener is bound: both ports answer at once.
        #expect(try await TestConnection(port: config.pingPort).get("/ping")?.body == "OK")
        #expect(try await TestConnection(port: config.webPort).get("/")?.status == 404)
        #expect(await receiver.waitFor { $0.has("WATCHDOG", "1") } != nil, "no watchdog ping")

        daemon.send(SIGHUP)
        let reloading = try #require(await receiver.waitFor { $0.has("RELOADING", "1") }, "no RELOADING=1; log:\n\(daemon.log)")
        #expect(UInt64(reloading.assignments["MONOTONIC_USEC"] ?? "") != nil, "RELOADING=1 without MONOTONIC_USEC: \(reloading)")
        #expect(await receiver.waitFor { $0.has("READY", "1") && $0.at > reloading.at } != nil, "no READY=1 after the reload")

        daemon.send(SIGTERM)
        #expect(await daemon.waitForExit() == 0, "log:\n\(daemon.log)")
        let stopping = try #require(receiver.notifications.first { $0.has("STOPPING", "1") })

        let states = receiver.notifications.filter { !$0.has("WATCHDOG") }.compactMap { note -> String? in
            ["READY", "RELOADING", "STOPPING"].first { note.has($0, "1") }
        }
        #expect(states == ["READY", "RELOADING", "READY", "STOPPING"], "\(receiver.notifications)")
        #expect(receiver.notifications.first!.has("STATUS"), "the first message should say what the daemon is doing")
        #expect(stopping.has("STATUS"), "STOPPING=1 should say what the daemon is doing")
    }

    @Test("a failed reload keeps serving, says so in STATUS and still sends READY=1")
    func failedReload() async throws {
        let receiver = try NotifyReceiver()
        defer { receiver.close() }
        let config = try ProxyConfigFile()
        let daemon = try DaemonProcess("tee-proxy", ["--config", config.path], environment: ["NOTIFY_SOCKET": receiver.path])
        try #require(await receiver.waitFor { $0.has("READY", "1") } != nil, "log:\n\(daemon.log)")

        try "entryPoints:\n  web:\n    address: nowhere\n".write(toFile: config.path, atomically: true, encoding: .utf8)
        daemon.send(SIGHUP)
        let reloading = try #require(await receiver.waitFor { $0.has("RELOADING", "1") })
        let after = try #require(await receiver.waitFor { $0.has("READY", "1") && $0.at > reloading.at })
        #expect(after.assignments["STATUS"]?.contains("Reload failed") == true, "\(after)")
        #expect(after.assignments["STATUS"]?.contains("entryPoints.web.address") == true, "\(after)")
        #expect(try await TestConnection(port: config.pingPort).get("/ping")?.body == "OK")

        daemon.send(SIGINT)
        #expect(await daemon.waitForExit() == 0)
        #expect(receiver.notifications.contains { $0.has("STOPPING", "1") })
    }

    @Test("a start-up failure reports STATUS and exits with EXIT_NOTCONFIGURED, without READY=1")
    func startupFailure() async throws {
        let receiver = try NotifyReceiver()
        defer { receiver.close() }
        let path = try TemporaryDirectory.write("entryPoints:\n  web:\n    address: \"127.0.0.1:notaport\"\n", named: "bad.yaml")
        let daemon = try DaemonProcess("tee-proxy", ["--config", path], environment: ["NOTIFY_SOCKET": receiver.path])
        #expect(await daemon.waitForExit() == 6)
        #expect(daemon.log.contains("\(path):3: entryPoints.web.address"), "log:\n\(daemon.log)")
        #expect(!receiver.notifications.contains { $0.has("READY") })
        #expect(await receiver.waitFor(timeout: .seconds(2)) { $0.assignments["STATUS"]?.hasPrefix("Failed") == true } != nil)
    }
}
