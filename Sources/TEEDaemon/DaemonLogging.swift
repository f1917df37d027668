public import Logging
import TEESystemd

/// Builds the daemon's logger from `--log-format` and `--log-level`, with no global bootstrap.
public struct DaemonLogging: Sendable {
    /// The format in use after resolving the automatic choice.
    public let format: LogFormat
    /// The level below which statements are dropped.
    public let level: Logger.Level
    private let sink: any LogSink
    /// `log.otlp`'s handlers, beside the sink's.
    private let export: (@Sendable (String) -> any LogHandler)?

    /// - Parameters:
    ///   - programName: the `SYSLOG_IDENTIFIER` for journal entries.
    ///   - format: the requested format; nil picks the journal when stderr is the journal.
    ///   - level: the requested level; nil means info.
    ///   - environment: the process environment (for `JOURNAL_STREAM`).
    ///   - export: a second handler for each logger (`log.otlp`), or nil.
    public init(programName: String, format: LogFormat?, level: Logger.Level?, environment: [String: String],
                export: (@Sendable (String) -> any LogHandler)? = nil) {
        self.export = export
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
        guard let export = self.export else {
            return Logger(label: label) { label in SinkLogHandler(label: label, level: level, sink: sink) }
        }
        return Logger(label: label) { label in
            var exported = export(label)
            exported.logLevel = level
            return MultiplexLogHandler([SinkLogHandler(label: label, level: level, sink: sink), exported])
        }
    }
}
