public import Logging
public import NIOCore
public import TEESystemd

/// What a daemon's start-up code receives: the shared event loops, its logger, the
/// notifier, and the sockets systemd passed.
public struct DaemonContext: Sendable {
    /// The event loops every listener and connection runs on.
    public var eventLoopGroup: any EventLoopGroup
    /// The daemon's main logger; derive component loggers from it.
    public var logger: Logger
    /// Builds loggers for components with the daemon's format and level.
    public var logging: DaemonLogging
    /// Sends `STATUS=` and other notifications to systemd.
    public var notifier: SystemdNotifier
    /// Sockets passed by systemd (socket activation), still to be matched to entry points.
    public var activatedSockets: [ActivatedSocket]
    /// How long to let in-flight work finish on shutdown, when the command line set it.
    public var graceTimeoutOverride: Duration?
}
