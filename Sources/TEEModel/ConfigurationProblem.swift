/// A named object that could not be read and is disabled, with the reason.
public struct ConfigurationProblem: Sendable, Equatable, CustomStringConvertible {
    public var kind: ConfigurationObjectKind
    /// The object's name (`api@file`).
    public var name: String
    public var error: ConfigurationError

    public init(kind: ConfigurationObjectKind, name: String, error: ConfigurationError) {
        self.kind = kind
        self.name = name
        self.error = error
    }

    public var description: String { self.error.description }
}
