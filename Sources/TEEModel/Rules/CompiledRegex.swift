/// A regular expression from a rule or a middleware, compiled once.
public struct CompiledRegex: @unchecked Sendable, CustomStringConvertible, Equatable {
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

    /// Whether the expression matches all of `text`.
    public func matchesWhole(_ text: String) -> Bool {
        (try? self.regex.wholeMatch(in: text)) != nil
    }

    /// The range of the first match in `text`, if any.
    public func firstMatchRange(in text: String) -> Range<String.Index>? {
        (try? self.regex.firstMatch(in: text))?.range
    }

    /// `text` with every match replaced by `template`, whose `$1`, `${1}`, `$name` and `${name}`
    /// are the match's groups and `$$` is a dollar sign, as Go's `ReplaceAllString` does (which
    /// also ignores an empty match right after a match: `.*` replaces `abc` once).
    public func replacingAll(in text: String, with template: String) -> String {
        var result = ""
        var position = text.startIndex
        var previousEnd: String.Index?
        for match in text.matches(of: self.regex) {
            defer { previousEnd = match.range.upperBound }
            if match.range.isEmpty, match.range.lowerBound == previousEnd { continue }
            result += text[position..<match.range.lowerBound]
            result += Self.expand(template, with: match.output)
            position = match.range.upperBound
        }
        result += text[position...]
        return result
    }

    private static func expand(_ template: String, with output: AnyRegexOutput) -> String {
        var result = ""
        var rest = Substring(template)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "$" {
                result += "$"
                rest = rest.dropFirst()
                continue
            }
            let name: Substring
            if rest.first == "{", let close = rest.firstIndex(of: "}") {
                name = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
            } else {
                name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                rest = rest.dropFirst(name.count)
            }
            guard !name.isEmpty else {
                result += "$"  // not a reference: kept as written
                continue
            }
            if let index = Int(name) {
                if index < output.count, let group = output[index].substring { result += group }
            } else if let group = output[String(name)]?.substring {
                result += group
            }
        }
        return result + rest
    }

    public var description: String { self.pattern }

    /// Two expressions are the same when their patterns are.
    public static func == (lhs: CompiledRegex, rhs: CompiledRegex) -> Bool {
        lhs.pattern == rhs.pattern
    }
}
