import TEESystemd
import Testing

@Suite struct NotifyMessageTests {
    @Test("each message encodes to systemd's assignment", arguments: [
        (NotifyMessage.ready, "READY=1"),
        (.reloading, "RELOADING=1"),
        (.monotonicUsec(123_456), "MONOTONIC_USEC=123456"),
        (.stopping, "STOPPING=1"),
        (.watchdog, "WATCHDOG=1"),
        (.extendTimeoutUsec(10_000_000), "EXTEND_TIMEOUT_USEC=10000000"),
        (.status("Serving 2 entry points"), "STATUS=Serving 2 entry points"),
        (.status("two\nlines"), "STATUS=two lines"),
    ])
    func line(message: NotifyMessage, expected: String) {
        #expect(message.line == expected)
    }

    @Test func severalMessagesFormOneStateString() {
        #expect(NotifyMessage.encode([.reloading, .monotonicUsec(5)]) == "RELOADING=1\nMONOTONIC_USEC=5")
    }

    @Test func monotonicClockAdvances() async throws {
        let first = MonotonicClock.nowMicroseconds()
        try await Task.sleep(for: .milliseconds(5))
        #expect(MonotonicClock.nowMicroseconds() >= first + 5_000)
    }
}
