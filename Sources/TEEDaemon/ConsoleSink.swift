import TEEModel
public import TEESystemd
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Writes readable log lines to stderr:
/// `2026-11-27T05:21:13.123Z info  tee-proxy: Listening entry_point=web address=0.0.0.0:80`.
public struct ConsoleSink: LogSink {
    public init() {}

    public func write(_ record: LogRecord) {
        var line = "\(LogTimestamp.now()) \(record.level.rawValue.padding(toLength: 8)) \(record.label): \(record.message)"
        for key in record.metadata.keys.sorted() {
            guard let value = record.metadata[key] else { continue }
            line += " \(key)=\(Self.quotedIfNeeded("\(value)"))"
        }
        StandardError.writeLine(line)
    }

    private static func quotedIfNeeded(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0.isNewline }) else { return value }
        return JSONString.quote(value)
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        self.count >= length ? self : self + String(repeating: " ", count: length - self.count)
    }
}
