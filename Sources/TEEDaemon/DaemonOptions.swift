public import ArgumentParser
public import Logging

/// Options every tee daemon accepts.
public struct DaemonOptions: ParsableArguments, Sendable {
    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical (default: info).")
    public var logLevel: Logger.Level?

    @Option(help: "Log format: console, json or journal (default: journal when stderr is the journal, else console).")
    public var logFormat: LogFormat?

    @Option(help: "Seconds to let in-flight work finish on SIGTERM before connections are closed (default: 10).")
    public var graceTimeout: Double?

    /// Test aid: blocks one event loop after this many seconds, so the watchdog test can see the pings stop.
    @Option(help: ArgumentHelp(visibility: .private))
    public var debugStallEventLoopAfter: Double?

    public init() {}

    public func validate() throws {
        if let graceTimeout, !(graceTimeout >= 0) {
            throw ValidationError("--grace-timeout must be zero or more seconds, got \(graceTimeout)")
        }
    }
}
