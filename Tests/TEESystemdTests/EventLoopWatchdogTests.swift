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
        // Healthy loops: pings arrive. Waiting up to 60 s: on a 2-core machine the other suites
        // running in parallel can hold every thread of Swift's cooperative pool for seconds.
        let healthyDeadline = ContinuousClock.now + .seconds(60)
        while pings.withLock({ $0 }) < 2, ContinuousClock.now < healthyDeadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let healthy = pings.withLock { $0 }
        #expect(healthy >= 2, "expected pings every 200 ms, got \(healthy) in 60 s")

        let beforeBlock = pings.withLock { $0 }
        Array(group.makeIterator())[1].execute {
            while !release.withLock({ $0 }) { usleep(10_000) }
        }
        // A check may run between reading the count and the loop blocking, and the next one may
        // still see the heartbeat the loop set just before it blocked: at most two pings. Every
        // later check finds the loop stalled (a watchdog that ignored it would ping ~7 times).
        try await Task.sleep(for: .milliseconds(1500))
        let atBlock = pings.withLock { $0 }
        #expect(atBlock <= beforeBlock + 2, "pinged \(atBlock - beforeBlock) times while a loop was blocked")

        release.withLock { $0 = true }
        let deadline = ContinuousClock.now + .seconds(60)
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
