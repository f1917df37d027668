/// A recursive-descent parser for ``ClaimsExpression``:
///
///     expression := and ('||' and)*
///     and        := unary ('&&' unary)*
///     unary      := '!' unary | '(' expression ')' | call
///     call       := Equals | Prefix | Contains | SplitContains | OneOf '(' string (',' string)* ')'
///     string     := `text` | "text"
struct ClaimsExpressionParser {
    private var cursor: ExpressionCursor

    init(_ text: String) {
        self.cursor = ExpressionCursor(text)
    }

    mutating func parse() throws(ClaimsExpressionError) -> ClaimsExpression {
        let expression = try self.orExpression()
        self.cursor.skipSpaces()
        guard self.cursor.rest.isEmpty else { throw self.error("unexpected '\(self.cursor.rest)'") }
        return expression
    }

    private mutating func orExpression() throws(ClaimsExpressionError) -> ClaimsExpression {
        var left = try self.andExpression()
        while self.consume("||") { left = .or(left, try self.andExpression()) }
        return left
    }

    private mutating func andExpression() throws(ClaimsExpressionError) -> ClaimsExpression {
        var left = try self.unary()
        while self.consume("&&") { left = .and(left, try self.unary()) }
        return left
    }

    private mutating func unary() throws(ClaimsExpressionError) -> ClaimsExpression {
        if self.consume("!") { return .not(try self.unary()) }
        if self.consume("(") {
            let inner = try self.orExpression()
            guard self.consume(")") else { throw self.error("expected )") }
            return inner
        }
        return try self.call()
    }

    private mutating func call() throws(ClaimsExpressionError) -> ClaimsExpression {
        let name = self.cursor.name()
        guard !name.isEmpty else { throw self.error("expected Equals, Prefix, Contains, SplitContains or OneOf") }
        guard self.consume("(") else { throw self.error("expected ( after \(name)") }
        var arguments: [String] = []
        repeat { arguments.append(try self.string()) } while self.consume(",")
        guard self.consume(")") else { throw self.error("expected ) after the arguments of \(name)") }
        let path = ClaimsExpression.path(arguments[0])
        switch (name, arguments.count) {
        case ("Equals", 2): return .equals(path: path, value: arguments[1])
        case ("Prefix", 2): return .prefix(path: path, value: arguments[1])
        case ("Contains", 2): return .contains(path: path, value: arguments[1])
        case ("SplitContains", 3): return .splitContains(path: path, separator: arguments[1], value: arguments[2])
        case ("OneOf", 2...): return .oneOf(path: path, values: Array(arguments.dropFirst()))
        case ("Equals", _), ("Prefix", _), ("Contains", _):
            throw self.error("\(name) takes two arguments: the claim and the value")
        case ("SplitContains", _):
            throw self.error("SplitContains takes three arguments: the claim, the separator and the value")
        case ("OneOf", _):
            throw self.error("OneOf takes the claim and at least one value")
        default:
            throw self.error("unknown function '\(name)'; use Equals, Prefix, Contains, SplitContains or OneOf")
        }
    }

    private mutating func string() throws(ClaimsExpressionError) -> String {
        self.cursor.skipSpaces()
        guard let quote = self.cursor.rest.first, quote == "`" || quote == "\"" else { throw self.error("expected a string in backquotes") }
        let body = self.cursor.rest.dropFirst()
        guard let end = body.firstIndex(of: quote) else { throw self.error("the string is not closed with \(quote)") }
        self.cursor.rest = body[body.index(after: end)...]
        return String(body[..<end])
    }

    private mutating func consume(_ token: String) -> Bool {
        self.cursor.consume(token)
    }

    private func error(_ message: String) -> ClaimsExpressionError {
        ClaimsExpressionError(description: self.cursor.describe(message))
    }
}
