/// A provider's `constraints`: which objects (containers) it routes, by their labels, such as
/// ``Label(`team`, `web`) && !LabelRegex(`env`, `dev.*`)``.
public struct LabelConstraints: Sendable, Equatable {
    public let source: String
    let expression: RuleExpression

    public init(_ source: String) throws(RuleSyntaxError) {
        self.source = source
        self.expression = try RuleExpression.parse(source, language: .constraints)
    }

    public func matches(labels: [String: String]) -> Bool {
        self.expression.matches(labels: labels)
    }

    public static func == (lhs: LabelConstraints, rhs: LabelConstraints) -> Bool { lhs.source == rhs.source }
}
