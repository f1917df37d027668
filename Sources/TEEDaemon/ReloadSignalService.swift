public import Logging
public import ServiceLifecycle
public import TEESystemd
public import UnixSignals

/// Reloads on SIGHUP, which is also what `systemctl reload` sends (`ExecReload=kill -HUP $MAINPID`).
///
/// Each reload is announced with `RELOADING=1` and `MONOTONIC_USEC=`, and followed by `READY=1`
/// whether it succeeded or not: a failed reload keeps the running configuration and says so in `STATUS=`.
public struct ReloadSignalService: Service {
    private let signals: UnixSignalsSequence
    private let reload: @Sendable () async throws -> String
    private let notifier: SystemdNotifier
    private let logger: Logger

    /// - Parameter signals: a sequence trapping SIGHUP, created before `READY=1` so that an early
    ///   reload request never hits SIGHUP's default action (terminate).
    public init(
        signals: UnixSignalsSequence,
        notifier: SystemdNotifier,
        logger: Logger,
        reload: @escaping @Sendable () async throws -> String
    ) {
        self.signals = signals
        self.notifier = notifier
        self.logger = logger
        self.reload = reload
    }

    public func run() async throws {
        for await _ in self.signals.cancelOnGracefulShutdown() {
            self.logger.info("Reload requested")
            self.notifier.reloading()
            do {
                let status = try await self.reload()
                self.logger.info("Reload complete", metadata: ["status": "\(status)"])
                self.notifier.send(.ready, .status(status))
            } catch {
                self.logger.error("Reload failed; still serving the previous configuration", metadata: ["error": "\(error)"])
                self.notifier.send(.ready, .status("Reload failed, serving previous configuration: \(error)"))
            }
        }
    }
}
