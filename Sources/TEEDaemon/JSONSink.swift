import TEEModel
public import TEESystemd
import Logging

/// Writes one JSON object per log record to stderr, with `time`, `level`, `logger`, `msg`,
/// `file`, `line`, `func` and the metadata keys.
public struct JSONSink: LogSink {
    public init() {}

    public func write(_ record: LogRecord) {
        StandardError.writeLine(Self.encode(record, time: LogTimestamp.now()))
    }

    /// The JSON line for a record.
    public static func encode(_ record: LogRecord, time: String) -> String {
        var pairs: [(String, String)] = [
            ("time", time),
            ("level", record.level.rawValue),
            ("logger", record.label),
            ("msg", record.message),
            ("file", record.file),
            ("line", String(record.line)),
            ("func", record.function),
        ]
        for key in record.metadata.keys.sorted() where !pairs.contains(where: { $0.0 == key }) {
            if let value = record.metadata[key] { pairs.append((key, "\(value)")) }
        }
        return "{" + pairs.map { "\(JSONString.quote($0.0)):\(JSONString.quote($0.1))" }.joined(separator: ",") + "}"
    }
}
