#if canImport(Glibc)
import Glibc
#endif

/// Reads `CLOCK_MONOTONIC`, the clock systemd's `MONOTONIC_USEC=` refers to.
public enum MonotonicClock {
    /// The current `CLOCK_MONOTONIC` time in microseconds.
    public static func nowMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
