import CSystemd

/// The service watchdog systemd asked for, if any (`WatchdogSec=` in the unit).
public struct WatchdogSettings: Sendable, Equatable {
    /// The watchdog timeout: systemd restarts the service if no ping arrives within it.
    public var timeout: Duration

    /// How often to ping: half the timeout, as `sd_watchdog_enabled(3)` recommends.
    public var pingInterval: Duration { self.timeout / 2 }

    public init(timeout: Duration) {
        self.timeout = timeout
    }

    /// Reads `WATCHDOG_USEC` (and `WATCHDOG_PID`, which must be ours) through `sd_watchdog_enabled(3)`.
    ///
    /// Returns nil when the watchdog is off or meant for another process.
    public static func fromEnvironment() -> WatchdogSettings? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return WatchdogSettings(timeout: .microseconds(Int64(clamping: usec)))
    }
}
