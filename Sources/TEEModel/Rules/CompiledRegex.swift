/// A regular expression from a rule or a middleware, compiled once.
public struct CompiledRegex: @unchecked Sendable, CustomStringConvertible {
    // Regex values are immutable and safe to share; AnyRegexOutput is just not marked Sendable.
    private let regex: Regex<AnyRegexOutput>
    /// The pattern as written.
    public let pattern: String

    /// Compiles `pattern`; throws a message that names the pattern when it is invalid.
    public init(_ pattern: String, ignoringCase: Bool = false) throws {
        do {
            let regex = try Regex(pattern)
            self.regex = ignoringCase ? regex.ignoresCase() : regex
        } catch {
            throw RuleMatcher.InvalidMatcher(description: "invalid regular expression '\(pattern)': \(error)")
        }
        self.pattern = pattern
    }

    /// Whether the expression matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        (try? self.regex.firstMatch(in: text)) != nil
    }

    public var description: String { self.pattern }
}
