public import Logging
public import ServiceLifecycle
public import UnixSignals

/// Reopens log files on SIGUSR1, as logrotate's `postrotate` asks (Traefik's convention). A
/// daemon without log files of its own notes the signal and goes on.
public struct ReopenSignalService: Service {
    private let signals: UnixSignalsSequence
    private let reopen: (@Sendable () async -> Void)?
    private let logger: Logger

    /// - Parameter signals: a sequence trapping SIGUSR1, created before `READY=1`.
    public init(signals: UnixSignalsSequence, logger: Logger, reopen: (@Sendable () async -> Void)?) {
        self.signals = signals
        self.logger = logger
        self.reopen = reopen
    }

    public func run() async throws {
        for await _ in self.signals.cancelOnGracefulShutdown() {
            guard let reopen = self.reopen else {
                self.logger.info("SIGUSR1: no log file to reopen")
                continue
            }
            await reopen()
            self.logger.info("Log files reopened (SIGUSR1)")
        }
    }
}
