/// A token of the rule language.
enum RuleToken: Equatable {
    case identifier(String)
    case string(String)
    case openParenthesis
    case closeParenthesis
    case comma
    case and
    case or
    case not
}
