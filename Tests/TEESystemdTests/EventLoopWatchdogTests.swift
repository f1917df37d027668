import Logging
import NIOCore
import NIOPosix
import ServiceLifecycleTestKit
import Synchronization
import TEESystemd
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct EventLoopWatchdogTests {
    @Test("pings while every loop runs, stops when one loop is blocked")
    func pingsStopWhenALoopBlocks() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 3)
        let pings = Mutex(0)
        let release = Mutex(false)
        let watchdog = EventLoopWatchdog(group: group, pingInterval: .milliseconds(200), logger: Logger(label: "test")) {
            pings.withLock { $0 += 1 }
        }
        try await testGracefulShutdown { trigger in
        let task = Task { try await watchdog.run() }
        // Healthy loops: pings arrive (waiting up to 5 s, the machine may be busy with other tests).
        let healthyDeadline = ContinuousClock.now + .seconds(5)
        while pings.withLock({ $0 }) < 2, ContinuousClock.now < healthyDeadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let healthy = pings.withLock { $0 }
        #expect(healthy >= 2, "expected pings every 200 ms, got \(healthy) in 5 s")

        Array(group.makeIterator())[1].execute {
            while !release.withLock({ $0 }) { usleep(10_000) }
        }
        // One ping may already have been decided when the loop blocked.
        try await Task.sleep(for: .milliseconds(450))
        let atBlock = pings.withLock { $0 }
        try await Task.sleep(for: .milliseconds(1000))
        #expect(pings.withLock { $0 } == atBlock, "pinged while a loop was blocked")

        release.withLock { $0 = true }
        let deadline = ContinuousClock.now + .seconds(5)
        while pings.withLock({ $0 }) == atBlock, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(pings.withLock { $0 } > atBlock, "pings did not resume after the loop recovered")
        trigger.triggerGracefulShutdown()
        _ = try? await task.value
        }
        try await group.shutdownGracefully()
    }

    @Test func settingsHalveTheTimeout() {
        #expect(WatchdogSettings(timeout: .seconds(30)).pingInterval == .seconds(15))
    }
}
