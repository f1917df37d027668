public import Logging
import TEESystemd

/// Builds the daemon's logger from `--log-format` and `--log-level`, with no global bootstrap.
public struct DaemonLogging: Sendable {
    /// The format in use after resolving the automatic choice.
    public let format: LogFormat
    /// The level below which statements are dropped.
    public let level: Logger.Level
    private let sink: any LogSink

    /// - Parameters:
    ///   - programName: the `SYSLOG_IDENTIFIER` for journal entries.
    ///   - format: the requested format; nil picks the journal when stderr is the journal.
    ///   - level: the requested level; nil means info.
    ///   - environment: the process environment (for `JOURNAL_STREAM`).
    public init(programName: String, format: LogFormat?, level: Logger.Level?, environment: [String: String]) {
        self.format = format ?? .automatic(stderrIsJournal: JournalStream.isStderrJournal(environment: environment))
        self.level = level ?? .info
        switch self.format {
        case .console: self.sink = ConsoleSink()
        case .json: self.sink = JSONSink()
        case .journal: self.sink = JournalSink(syslogIdentifier: programName)
        }
    }

    /// A logger with this configuration; `label` names the component (`tee-proxy`, `tee-proxy.reload`, …).
    public func makeLogger(label: String) -> Logger {
        let sink = self.sink
        let level = self.level
        return Logger(label: label) { label in SinkLogHandler(label: label, level: level, sink: sink) }
    }
}
