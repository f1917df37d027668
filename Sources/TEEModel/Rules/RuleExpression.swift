/// A parsed rule: matchers combined with `&&`, `||` and `!`.
public indirect enum RuleExpression: Sendable {
    case matcher(RuleMatcher)
    case and(RuleExpression, RuleExpression)
    case or(RuleExpression, RuleExpression)
    case not(RuleExpression)

    /// Parses Traefik's v3 rule language: HTTP routers' matchers, or TCP routers'.
    public static func parse(_ rule: String, language: RuleLanguage = .http) throws(RuleSyntaxError) -> RuleExpression {
        var parser = RuleParser(tokens: try RuleLexer.tokenize(rule), length: rule.count, language: language)
        return try parser.parseRule()
    }

    /// Whether the request satisfies the rule.
    @inlinable
    public func matches(_ request: some RoutableRequest) -> Bool {
        switch self {
        case .matcher(let matcher): matcher.matches(request)
        case .and(let left, let right): left.matches(request) && right.matches(request)
        case .or(let left, let right): left.matches(request) || right.matches(request)
        case .not(let inner): !inner.matches(request)
        }
    }

    /// Whether the labels satisfy the expression (providers' `constraints`).
    public func matches(labels: [String: String]) -> Bool {
        switch self {
        case .matcher(let matcher): matcher.matches(labels: labels)
        case .and(let left, let right): left.matches(labels: labels) && right.matches(labels: labels)
        case .or(let left, let right): left.matches(labels: labels) || right.matches(labels: labels)
        case .not(let inner): !inner.matches(labels: labels)
        }
    }

    /// The hosts a matching request must have, when the rule pins them down (`Host(a) && …`,
    /// `Host(a) || Host(b)`); nil when any host could match. Routers are indexed by these.
    public var requiredHosts: [HostPattern]? {
        switch self {
        case .matcher(.host(let pattern)): [pattern]
        case .matcher: nil
        case .and(let left, let right): left.requiredHosts ?? right.requiredHosts
        case .or(let left, let right):
            if let left = left.requiredHosts, let right = right.requiredHosts { left + right } else { nil }
        case .not: nil
        }
    }
}
