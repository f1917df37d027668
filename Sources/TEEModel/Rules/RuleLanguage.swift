/// Which routers a rule is for: HTTP routers match requests, TCP routers match connections.
public enum RuleLanguage: Sendable {
    case http
    case tcp
    /// Providers' `constraints`: `Label` and `LabelRegex` over an object's labels.
    case constraints
}
