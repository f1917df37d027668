public import Logging
public import NIOCore
public import ServiceLifecycle
import Synchronization

/// Pings systemd's watchdog only while every event loop keeps running.
///
/// Each event loop marks a heartbeat on itself four times per ping interval; every ping
/// interval the watchdog sends `WATCHDOG=1` only if every loop has marked one since the last
/// check. A loop that is blocked (a busy handler, a deadlock) stops its heartbeats, the pings
/// stop, and systemd restarts the daemon after `WatchdogSec=`.
public struct EventLoopWatchdog: Service {
    private let loops: [any EventLoop]
    private let pingInterval: Duration
    private let ping: @Sendable () -> Void
    private let logger: Logger

    /// - Parameters:
    ///   - group: the event loops that must all be alive for a ping to go out.
    ///   - pingInterval: how often to ping (half the watchdog timeout).
    ///   - ping: sends one `WATCHDOG=1`; tests pass their own.
    public init(
        group: any EventLoopGroup,
        pingInterval: Duration,
        logger: Logger,
        ping: @escaping @Sendable () -> Void
    ) {
        self.loops = Array(group.makeIterator())
        self.pingInterval = pingInterval
        self.ping = ping
        self.logger = logger
    }

    public func run() async throws {
        let heartbeats = Heartbeats(count: self.loops.count)
        let heartbeatDelay = TimeAmount.nanoseconds(Int64(self.pingInterval.nanoseconds / 4))
        let tasks = self.loops.enumerated().map { index, loop in
            loop.scheduleRepeatedTask(initialDelay: .zero, delay: heartbeatDelay) { _ in
                heartbeats.mark(index)
            }
        }
        defer { tasks.forEach { $0.cancel() } }

        // Keep pinging while other services drain; stop only when the group reaches us.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: self.pingInterval)
                let stalled = heartbeats.takeStalled()
                if stalled.isEmpty {
                    self.ping()
                } else {
                    self.logger.warning(
                        "Event loop not responding; withholding watchdog ping",
                        metadata: ["stalled_loops": "\(stalled)"]
                    )
                }
            }
        }
    }
}

/// One flag per event loop, set by the loop and cleared by each check.
private final class Heartbeats: Sendable {
    private let seen: Mutex<[Bool]>

    init(count: Int) {
        self.seen = Mutex(Array(repeating: false, count: count))
    }

    func mark(_ index: Int) {
        self.seen.withLock { $0[index] = true }
    }

    /// The loops that have not marked a heartbeat since the last call; clears every flag.
    func takeStalled() -> [Int] {
        self.seen.withLock { seen in
            let stalled = seen.indices.filter { !seen[$0] }
            seen = Array(repeating: false, count: seen.count)
            return stalled
        }
    }
}
