/// One assignment in the `sd_notify` protocol, such as `READY=1` or `STATUS=…`.
///
/// Several messages sent together form one datagram, so systemd sees them atomically
/// (`RELOADING=1` with its `MONOTONIC_USEC=`).
public enum NotifyMessage: Sendable, Equatable {
    /// Start-up or a reload has finished; the service is ready.
    case ready
    /// A reload has begun.
    case reloading
    /// The `CLOCK_MONOTONIC` time a reload began, in microseconds (systemd 253 and later use it).
    case monotonicUsec(UInt64)
    /// Graceful shutdown has begun.
    case stopping
    /// A one-line, human-readable description of what the daemon is doing.
    case status(String)
    /// Keep-alive ping for the service watchdog.
    case watchdog
    /// Asks systemd to allow this many more microseconds for the current start-up, reload or stop.
    case extendTimeoutUsec(UInt64)

    /// The `KEY=value` line that represents this message on the wire.
    public var line: String {
        switch self {
        case .ready: "READY=1"
        case .reloading: "RELOADING=1"
        case .monotonicUsec(let usec): "MONOTONIC_USEC=\(usec)"
        case .stopping: "STOPPING=1"
        case .status(let text): "STATUS=\(Self.singleLine(text))"
        case .watchdog: "WATCHDOG=1"
        case .extendTimeoutUsec(let usec): "EXTEND_TIMEOUT_USEC=\(usec)"
        }
    }

    /// Encodes messages as one `sd_notify` state string, one assignment per line.
    public static func encode(_ messages: [NotifyMessage]) -> String {
        messages.map(\.line).joined(separator: "\n")
    }

    /// `STATUS=` is one line: newlines in the text would start new assignments.
    private static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
