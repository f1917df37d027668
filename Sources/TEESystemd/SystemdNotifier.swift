import CSystemd
public import Logging

/// Sends service state to systemd through `sd_notify(3)`.
///
/// When the daemon was not started by systemd (`NOTIFY_SOCKET` unset) every call is a no-op,
/// so the same code runs under systemd, in a terminal and in tests.
public struct SystemdNotifier: Sendable {
    private let logger: Logger

    /// Creates a notifier that logs failed sends at debug level on `logger`.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Sends the messages as one datagram to `NOTIFY_SOCKET`.
    public func send(_ messages: NotifyMessage...) {
        self.send(messages)
    }

    /// Sends the messages as one datagram to `NOTIFY_SOCKET`.
    public func send(_ messages: [NotifyMessage]) {
        let state = NotifyMessage.encode(messages)
        let result = sd_notify(0, state)
        if result < 0 {
            self.logger.debug("sd_notify failed", metadata: ["errno": "\(-result)", "state": "\(state)"])
        }
    }

    /// Reports that a reload has begun, with the monotonic time systemd 253+ expects.
    public func reloading() {
        self.send(.reloading, .monotonicUsec(MonotonicClock.nowMicroseconds()), .status("Reloading configuration"))
    }
}
