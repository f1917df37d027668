/// `stripPrefixRegex`: removes the part of the path that a regular expression matches at its start.
public struct StripPrefixRegexConfiguration: Sendable, Equatable {
    public var regex: [CompiledRegex]

    public init(regex: [CompiledRegex]) {
        self.regex = regex
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["regex"])
        guard let node = try body.child("regex") else { throw body.error("missing regex: a list of regular expressions") }
        let patterns = try node.stringList()
        guard !patterns.isEmpty else { throw node.error("needs at least one regular expression") }
        return Self(regex: try patterns.map { (pattern) throws(ConfigurationError) -> CompiledRegex in
            do { return try CompiledRegex(pattern) } catch { throw node.error("\(error)") }
        })
    }
}
