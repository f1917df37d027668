import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import TEESystemd
import UnixSignals

#if canImport(Glibc)
import Glibc
#endif

/// Runs a tee daemon under systemd's conventions.
///
/// Start-up: logging from `--log-format`/`--log-level` (journal when stderr is the journal),
/// the sockets systemd passed, the daemon's own start (which binds every listener), then a
/// `ServiceGroup` of the daemon's services plus the watchdog, SIGHUP reload and readiness
/// services. `READY=1` goes out only once the group runs, after every listener is bound;
/// SIGTERM and SIGINT start a graceful shutdown (`STOPPING=1`, listeners first, then
/// in-flight work, bounded by the daemon's deadline); errors end the process with a systemd
/// exit status.
public struct Daemon: Sendable {
    /// The program name: the `SYSLOG_IDENTIFIER` and the logger's label.
    public let name: String
    public let options: DaemonOptions
    private let environment: [String: String]

    /// `log.otlp`: where the log also goes; nil for the journal or console alone.
    private let logExport: LogExport?

    public init(name: String, options: DaemonOptions, environment: [String: String], logExport: LogExport? = nil) {
        self.logExport = logExport
        self.name = name
        self.options = options
        self.environment = environment
    }

    /// Runs the daemon until it is stopped; returns the exit status the process should end with.
    public func run(start: @escaping @Sendable (DaemonContext) async throws -> DaemonComponents) async -> DaemonExitCode {
        let logging = DaemonLogging(
            programName: self.name,
            format: self.options.logFormat,
            level: self.options.logLevel,
            environment: self.environment,
            export: self.logExport?.makeHandler
        )
        let logger = logging.makeLogger(label: self.name)
        let notifier = SystemdNotifier(logger: logger)
        let loops = min(System.coreCount, CPUAffinity.allowedCPUCount() ?? System.coreCount)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, loops))
        let exitCode = await self.run(group: group, logging: logging, logger: logger, notifier: notifier, start: start)
        try? await group.shutdownGracefully()
        return exitCode
    }

    private func run(
        group: MultiThreadedEventLoopGroup,
        logging: DaemonLogging,
        logger: Logger,
        notifier: SystemdNotifier,
        start: @escaping @Sendable (DaemonContext) async throws -> DaemonComponents
    ) async -> DaemonExitCode {
        do {
            // Trap SIGHUP before anything can announce readiness: its default action terminates.
            let reloadSignals = await UnixSignalsSequence(trapping: .sighup)
            // SIGUSR1 (logrotate's postrotate) reopens log files; it never terminates the daemon.
            let reopenSignals = await UnixSignalsSequence(trapping: .sigusr1)
            notifier.send(.status("Starting"))
            let sockets = try SocketActivation.takeSockets()
            let context = DaemonContext(
                eventLoopGroup: group,
                logger: logger,
                logging: logging,
                notifier: notifier,
                activatedSockets: sockets,
                graceTimeoutOverride: self.options.graceTimeout.map { .milliseconds(Int64($0 * 1000)) }
            )
            let extender = StartupTimeoutExtender { notifier.send($0) }
            let components = try await extender.run(phase: "binding listeners") { try await start(context) }

            var services: [any Service] = self.logExport.map { [$0.service] } ?? []
            if let watchdog = WatchdogSettings.fromEnvironment() {
                logger.info("Watchdog enabled", metadata: ["timeout": "\(watchdog.timeout)"])
                services.append(
                    EventLoopWatchdog(group: group, pingInterval: watchdog.pingInterval, logger: logger) {
                        notifier.send(.watchdog)
                    }
                )
            }
            services += components.services
            if let reload = components.reload {
                services.append(ReloadSignalService(signals: reloadSignals, notifier: notifier, logger: logger, reload: reload))
            }
            services.append(ReopenSignalService(signals: reopenSignals, logger: logger, reopen: components.reopenLogs))
            services.append(ReadinessService(notifier: notifier, status: components.status))
            if let seconds = self.options.debugStallEventLoopAfter {
                Self.stallOneEventLoop(of: group, after: seconds, logger: logger)
            }

            var configuration = ServiceGroupConfiguration(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
            configuration.maximumGracefulShutdownDuration = components.gracefulShutdownDeadline + .seconds(5)
            configuration.maximumCancellationDuration = .seconds(5)
            try await ServiceGroup(configuration: configuration).run()
            logger.info("Stopped")
            return .success
        } catch let error as DaemonError {
            return Self.fail(error.exitCode, "\(error)", logger: logger, notifier: notifier)
        } catch let error as SocketActivationError {
            return Self.fail(.notConfigured, "\(error)", logger: logger, notifier: notifier)
        } catch {
            return Self.fail(.failure, "\(error)", logger: logger, notifier: notifier)
        }
    }

    private static func fail(_ code: DaemonExitCode, _ message: String, logger: Logger, notifier: SystemdNotifier) -> DaemonExitCode {
        logger.critical("\(message)")
        notifier.send(.status("Failed: \(message)"))
        return code
    }

    /// Test aid behind a hidden option: blocks one event loop forever so the watchdog stops pinging.
    private static func stallOneEventLoop(of group: any EventLoopGroup, after seconds: Double, logger: Logger) {
        let loop = group.next()
        loop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
            logger.warning("Stalling an event loop on request (--debug-stall-event-loop-after)")
            while true { sleep(3600) }
        }
    }
}
