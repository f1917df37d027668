/// Why a rule does not parse, with the column where the problem starts.
public struct RuleSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// 1-based column in the rule text.
    public var column: Int
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "invalid rule at column \(self.column): \(self.message)" }
}
