/// `replacePathRegex`: rewrites the path with a regular expression and a replacement (`$1`, `${name}`).
public struct ReplacePathRegexConfiguration: Sendable, Equatable {
    public var regex: CompiledRegex
    public var replacement: String

    public init(regex: CompiledRegex, replacement: String) {
        self.regex = regex
        self.replacement = replacement
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["regex", "replacement"])
        guard let regex = try body.child("regex") else { throw body.error("missing regex") }
        guard let replacement = try body.child("replacement") else { throw body.error("missing replacement") }
        return Self(regex: try regex.regex(), replacement: try replacement.string())
    }
}
