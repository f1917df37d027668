/// A problem in a configuration file, located by file, key path and line.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file the problem is in.
    public var file: String
    /// The dotted key path, such as `entryPoints.web.address`; empty for the document itself.
    public var key: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What is wrong and what to do about it.
    public var message: String

    public init(file: String, key: String, line: Int?, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    /// `file:line: key: message`, the shape compilers and editors understand.
    public var description: String {
        let location = self.line.map { "\(self.file):\($0)" } ?? self.file
        return self.key.isEmpty ? "\(location): \(self.message)" : "\(location): \(self.key): \(self.message)"
    }
}

/// Every problem found in a configuration, reported together.
public struct ConfigurationErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigurationError]

    public init(_ errors: [ConfigurationError]) {
        self.errors = errors
    }

    public var description: String {
        self.errors.map(\.description).joined(separator: "\n")
    }
}
