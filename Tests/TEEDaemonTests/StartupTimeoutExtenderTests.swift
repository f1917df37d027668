import Synchronization
@testable import TEEDaemon
import TEESystemd
import Testing

@Suite struct StartupTimeoutExtenderTests {
    @Test func aSlowStartExtendsTheTimeout() async throws {
        let sent = Mutex<[[NotifyMessage]]>([])
        let extender = StartupTimeoutExtender(interval: .milliseconds(100)) { messages in sent.withLock { $0.append(messages) } }
        // The start-up lasts until two extensions went out (or 5 s, and the test fails).
        let result = try await extender.run(phase: "loading") {
            let deadline = ContinuousClock.now + .seconds(5)
            while sent.withLock({ $0.count }) < 2, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            return 42
        }
        #expect(result == 42)
        let batches = sent.withLock { $0 }
        #expect(batches.count >= 2, "\(batches)")
        #expect(batches.first?.contains(.extendTimeoutUsec(200_000)) == true, "\(batches)")
        #expect(batches.first?.contains { if case .status(let text) = $0 { text.contains("loading") } else { false } } == true)
        // Nothing more is sent once start-up has finished.
        let count = batches.count
        try await Task.sleep(for: .milliseconds(250))
        #expect(sent.withLock { $0.count } == count)
    }

    @Test func aQuickStartSendsNothing() async throws {
        let sent = Mutex(0)
        let extender = StartupTimeoutExtender(interval: .seconds(60)) { _ in sent.withLock { $0 += 1 } }
        _ = try await extender.run(phase: "loading") { "done" }
        #expect(sent.withLock { $0 } == 0)
    }

    @Test func aFailedStartPropagatesItsError() async throws {
        let extender = StartupTimeoutExtender(interval: .milliseconds(200)) { _ in }
        await #expect(throws: DaemonError.self) {
            try await extender.run(phase: "binding") { () async throws -> Int in throw DaemonError(.notConfigured, "bad") }
        }
    }
}
