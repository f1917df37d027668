public import ServiceLifecycle
public import TEESystemd

/// Tells systemd the daemon is ready once the service group runs (then drops the start-up code
/// from its resident memory, see ``ExecutableTextPages``), and that it is stopping as soon as
/// graceful shutdown begins.
///
/// It is the last service in the group, so graceful shutdown reaches it first and `STOPPING=1`
/// goes out before listeners close.
public struct ReadinessService: Service {
    private let notifier: SystemdNotifier
    private let status: String

    public init(notifier: SystemdNotifier, status: String) {
        self.notifier = notifier
        self.status = status
    }

    public func run() async throws {
        self.notifier.send(.ready, .status(self.status))
        // Start-up is over: its code need not count as resident any more.
        ExecutableTextPages.dropResident()
        try? await gracefulShutdown()
        self.notifier.send(.stopping, .status("Stopping: draining connections"))
    }
}
