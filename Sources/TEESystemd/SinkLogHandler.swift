public import Logging

/// A swift-log handler that merges metadata (handler, provider, statement) into a
/// ``LogRecord`` and hands it to a ``LogSink``.
public struct SinkLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level

    private let label: String
    private let sink: any LogSink

    public init(label: String, level: Logger.Level, sink: any LogSink, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.logLevel = level
        self.sink = sink
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = self.metadata
        if let provided = self.metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let statement = event.metadata {
            merged.merge(statement) { _, new in new }
        }
        if let error = event.error, merged["error"] == nil {
            merged["error"] = "\(error)"
        }
        self.sink.write(
            LogRecord(
                label: self.label,
                level: event.level,
                message: event.message.description,
                metadata: merged,
                file: event.file,
                function: event.function,
                line: event.line
            )
        )
    }
}
