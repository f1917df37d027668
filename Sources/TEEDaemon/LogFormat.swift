public import ArgumentParser

/// How a daemon writes its log.
public enum LogFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Readable lines with timestamps on stderr.
    case console
    /// One JSON object per line on stderr.
    case json
    /// Structured entries sent to journald.
    case journal

    /// The format to use when none is given: the journal when stderr already goes to it, the console otherwise.
    public static func automatic(stderrIsJournal: Bool) -> LogFormat {
        stderrIsJournal ? .journal : .console
    }
}
