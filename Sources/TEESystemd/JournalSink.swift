import CSystemd
#if canImport(Glibc)
import Glibc
#endif

/// Writes log records to journald as structured entries through `sd_journal_sendv(3)`.
public struct JournalSink: LogSink {
    private let syslogIdentifier: String

    /// - Parameter syslogIdentifier: the `SYSLOG_IDENTIFIER` of every entry, normally the program name.
    public init(syslogIdentifier: String) {
        self.syslogIdentifier = syslogIdentifier
    }

    public func write(_ record: LogRecord) {
        Self.send(JournalEntry(record: record, syslogIdentifier: self.syslogIdentifier))
    }

    /// Sends one entry; each `FIELD=value` is its own iovec, so values may hold newlines.
    static func send(_ entry: JournalEntry) {
        let assignments = entry.fields.map { strdup("\($0.name)=\($0.value)") }
        defer { assignments.forEach { free($0) } }
        let vectors = assignments.map { iovec(iov_base: $0, iov_len: $0.map { strlen($0) } ?? 0) }
        _ = vectors.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, CInt($0.count)) }
    }
}
