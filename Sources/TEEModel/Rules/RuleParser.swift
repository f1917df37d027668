/// Recursive-descent parser: `or := and ('||' and)*`, `and := unary ('&&' unary)*`,
/// `unary := '!' unary | '(' or ')' | matcher`.
struct RuleParser {
    private let tokens: [RuleLexer.Located]
    private let length: Int
    private let language: RuleLanguage
    private var position = 0

    init(tokens: [RuleLexer.Located], length: Int, language: RuleLanguage = .http) {
        self.tokens = tokens
        self.length = length
        self.language = language
    }

    mutating func parseRule() throws(RuleSyntaxError) -> RuleExpression {
        guard !self.tokens.isEmpty else { throw RuleSyntaxError(column: 1, message: "the rule is empty") }
        let expression = try self.parseOr()
        if let extra = self.peek() {
            throw RuleSyntaxError(column: extra.column, message: "unexpected \(Self.describe(extra.token)); join matchers with && or ||")
        }
        return expression
    }

    private mutating func parseOr() throws(RuleSyntaxError) -> RuleExpression {
        var expression = try self.parseAnd()
        while self.peek()?.token == .or {
            self.position += 1
            expression = .or(expression, try self.parseAnd())
        }
        return expression
    }

    private mutating func parseAnd() throws(RuleSyntaxError) -> RuleExpression {
        var expression = try self.parseUnary()
        while self.peek()?.token == .and {
            self.position += 1
            expression = .and(expression, try self.parseUnary())
        }
        return expression
    }

    private mutating func parseUnary() throws(RuleSyntaxError) -> RuleExpression {
        guard let next = self.next() else {
            throw RuleSyntaxError(column: self.length + 1, message: "the rule ends where a matcher was expected")
        }
        switch next.token {
        case .not:
            return .not(try self.parseUnary())
        case .openParenthesis:
            let inner = try self.parseOr()
            try self.expect(.closeParenthesis, "a closing )")
            return inner
        case .identifier(let name):
            try self.expect(.openParenthesis, "( after \(name)")
            var arguments: [String] = []
            if self.peek()?.token != .closeParenthesis {
                repeat {
                    guard let argument = self.next(), case .string(let value) = argument.token else {
                        throw RuleSyntaxError(column: self.tokens[max(0, self.position - 1)].column,
                                              message: "\(name) takes strings in backticks or double quotes")
                    }
                    arguments.append(value)
                } while self.consume(.comma)
            }
            try self.expect(.closeParenthesis, "a closing ) after the arguments of \(name)")
            do {
                return .matcher(try RuleMatcher(name: name, arguments: arguments, language: self.language))
            } catch let message as RuleMatcher.InvalidMatcher {
                throw RuleSyntaxError(column: next.column, message: message.description)
            } catch {
                throw RuleSyntaxError(column: next.column, message: "\(error)")
            }
        default:
            throw RuleSyntaxError(column: next.column, message: "unexpected \(Self.describe(next.token)); expected a matcher such as Host(`example.com`)")
        }
    }

    private func peek() -> RuleLexer.Located? {
        self.position < self.tokens.count ? self.tokens[self.position] : nil
    }

    private mutating func next() -> RuleLexer.Located? {
        defer { self.position += 1 }
        return self.peek()
    }

    private mutating func consume(_ token: RuleToken) -> Bool {
        guard self.peek()?.token == token else { return false }
        self.position += 1
        return true
    }

    private mutating func expect(_ token: RuleToken, _ what: String) throws(RuleSyntaxError) {
        guard self.consume(token) else {
            let column = self.peek()?.column ?? self.length + 1
            throw RuleSyntaxError(column: column, message: "expected \(what)")
        }
    }

    private static func describe(_ token: RuleToken) -> String {
        switch token {
        case .identifier(let name): "'\(name)'"
        case .string(let value): "string '\(value)'"
        case .openParenthesis: "'('"
        case .closeParenthesis: "')'"
        case .comma: "','"
        case .and: "'&&'"
        case .or: "'||'"
        case .not: "'!'"
        }
    }
}
