public import Logging

/// A journald entry as the list of `FIELD=value` assignments passed to `sd_journal_sendv(3)`.
public struct JournalEntry: Sendable, Equatable {
    /// The assignments in order; `MESSAGE` comes first.
    public private(set) var fields: [(name: String, value: String)]

    /// Builds the entry for a log record: `MESSAGE`, `PRIORITY`, `SYSLOG_IDENTIFIER`,
    /// `CODE_FILE`/`CODE_LINE`/`CODE_FUNC`, `TEE_LOGGER`, and each metadata key as `TEE_<KEY>`.
    public init(record: LogRecord, syslogIdentifier: String) {
        var fields: [(name: String, value: String)] = [
            ("MESSAGE", record.message),
            ("PRIORITY", String(Self.priority(of: record.level))),
            ("SYSLOG_IDENTIFIER", syslogIdentifier),
            ("CODE_FILE", record.file),
            ("CODE_LINE", String(record.line)),
            ("CODE_FUNC", record.function),
            ("TEE_LOGGER", record.label),
        ]
        for key in record.metadata.keys.sorted() {
            guard let value = record.metadata[key] else { continue }
            fields.append((JournalFieldName.metadataField(for: key), "\(value)"))
        }
        self.fields = fields
    }

    /// The value of the first field called `name`.
    public func value(of name: String) -> String? {
        self.fields.first { $0.name == name }?.value
    }

    /// The syslog priority journald stores for a swift-log level.
    public static func priority(of level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    public static func == (lhs: JournalEntry, rhs: JournalEntry) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}
