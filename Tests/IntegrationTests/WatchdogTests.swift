import Foundation
import TEETesting
import Testing

@Suite("watchdog from a real daemon")
struct WatchdogTests {
    @Test("a blocked event loop stops the watchdog pings")
    func blockedLoopStopsPings() async throws {
        let receiver = try NotifyReceiver()
        defer { receiver.close() }
        let config = try ProxyConfigFile()
        let daemon = try DaemonProcess(
            "tee-proxy", ["--config", config.path, "--debug-stall-event-loop-after", "2"],
            environment: ["NOTIFY_SOCKET": receiver.path, "WATCHDOG_USEC": "400000"]
        )
        defer { daemon.send(SIGKILL) }
        try #require(await receiver.waitFor { $0.has("READY", "1") } != nil, "log:\n\(daemon.log)")
        try #require(await daemon.waitForLog("Stalling an event loop"), "log:\n\(daemon.log)")
        let pingsBeforeStall = receiver.notifications.filter { $0.has("WATCHDOG", "1") }
        #expect(pingsBeforeStall.count >= 2, "expected pings every 200 ms before the stall: \(pingsBeforeStall.count)")

        // Allow one ping that was already decided, then expect silence for several intervals.
        try await Task.sleep(for: .milliseconds(500))
        let settled = receiver.notifications.filter { $0.has("WATCHDOG", "1") }.count
        try await Task.sleep(for: .milliseconds(1500))
        let later = receiver.notifications.filter { $0.has("WATCHDOG", "1") }.count
        #expect(later == settled, "pings continued while an event loop was blocked: \(settled) then \(later)")
        #expect(daemon.log.contains("withholding watchdog ping"), "log:\n\(daemon.log)")
    }

    @Test("WATCHDOG_PID for another process disables the watchdog")
    func watchdogForAnotherProcess() async throws {
        let receiver = try NotifyReceiver()
        defer { receiver.close() }
        let config = try ProxyConfigFile()
        let daemon = try DaemonProcess(
            "tee-proxy", ["--config", config.path],
            environment: ["NOTIFY_SOCKET": receiver.path, "WATCHDOG_USEC": "200000", "WATCHDOG_PID": "1"]
        )
        try #require(await receiver.waitFor { $0.has("READY", "1") } != nil, "log:\n\(daemon.log)")
        try await Task.sleep(for: .milliseconds(700))
        #expect(!receiver.notifications.contains { $0.has("WATCHDOG") })
        daemon.send(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }
}
