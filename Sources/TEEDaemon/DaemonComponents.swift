public import ServiceLifecycle

/// What a daemon's start-up code returns once every listener is bound.
public struct DaemonComponents: Sendable {
    /// The long-running services, in dependency order (graceful shutdown runs in reverse).
    public var services: [any Service]
    /// The `STATUS=` line once started.
    public var status: String
    /// Reloads the configuration and returns the new `STATUS=` line; throws, keeping the running
    /// state, when the new configuration is bad. Nil when the daemon has nothing to reload.
    public var reload: (@Sendable () async throws -> String)?
    /// The longest graceful shutdown may take before remaining work is cancelled.
    public var gracefulShutdownDeadline: Duration
    /// Reopens the daemon's log files (SIGUSR1, after logrotate moved them); nil when it has none.
    public var reopenLogs: (@Sendable () async -> Void)?

    public init(
        services: [any Service],
        status: String,
        gracefulShutdownDeadline: Duration,
        reload: (@Sendable () async throws -> String)? = nil,
        reopenLogs: (@Sendable () async -> Void)? = nil
    ) {
        self.services = services
        self.status = status
        self.gracefulShutdownDeadline = gracefulShutdownDeadline
        self.reload = reload
        self.reopenLogs = reopenLogs
    }
}
