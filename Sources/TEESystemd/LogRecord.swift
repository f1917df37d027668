public import Logging

/// One log statement with everything a sink needs to write it, metadata already merged.
public struct LogRecord: Sendable {
    public var label: String
    public var level: Logger.Level
    public var message: String
    public var metadata: Logger.Metadata
    public var file: String
    public var function: String
    public var line: UInt

    public init(
        label: String,
        level: Logger.Level,
        message: String,
        metadata: Logger.Metadata,
        file: String,
        function: String,
        line: UInt
    ) {
        self.label = label
        self.level = level
        self.message = message
        self.metadata = metadata
        self.file = file
        self.function = function
        self.line = line
    }
}
