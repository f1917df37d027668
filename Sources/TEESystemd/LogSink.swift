/// Where log records go: the journal, a terminal, a JSON stream.
public protocol LogSink: Sendable {
    /// Writes one record; must not throw and must be safe to call from any thread.
    func write(_ record: LogRecord)
}
