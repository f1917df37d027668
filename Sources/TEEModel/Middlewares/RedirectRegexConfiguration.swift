/// `redirectRegex`: redirects requests whose URL matches, to the replacement (`$1`, `${name}`).
public struct RedirectRegexConfiguration: Sendable, Equatable {
    public var regex: CompiledRegex
    public var replacement: String
    public var permanent: Bool

    public init(regex: CompiledRegex, replacement: String, permanent: Bool) {
        self.regex = regex
        self.replacement = replacement
        self.permanent = permanent
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["regex", "replacement", "permanent"])
        guard let regex = try body.child("regex") else { throw body.error("missing regex") }
        guard let replacement = try body.child("replacement") else { throw body.error("missing replacement") }
        return Self(regex: try regex.regex(), replacement: try replacement.string(),
                    permanent: try body.child("permanent")?.bool() ?? false)
    }
}
