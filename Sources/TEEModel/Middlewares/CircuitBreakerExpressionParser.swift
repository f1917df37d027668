/// A recursive-descent parser for ``CircuitBreakerExpression``:
///
///     expression := and ('||' and)*
///     and        := term ('&&' term)*
///     term       := '(' expression ')' | metric comparison number
///     metric     := NetworkErrorRatio() | ResponseCodeRatio(n, n, n, n) | LatencyAtQuantileMS(n)
struct CircuitBreakerExpressionParser {
    private var cursor: ExpressionCursor

    init(_ text: String) {
        self.cursor = ExpressionCursor(text)
    }

    mutating func parse() throws(CircuitBreakerExpressionError) -> CircuitBreakerExpression {
        let expression = try self.orExpression()
        self.cursor.skipSpaces()
        guard self.cursor.rest.isEmpty else { throw self.error("unexpected '\(self.cursor.rest)'") }
        return expression
    }

    private mutating func orExpression() throws(CircuitBreakerExpressionError) -> CircuitBreakerExpression {
        var left = try self.andExpression()
        while self.consume("||") { left = .or(left, try self.andExpression()) }
        return left
    }

    private mutating func andExpression() throws(CircuitBreakerExpressionError) -> CircuitBreakerExpression {
        var left = try self.term()
        while self.consume("&&") { left = .and(left, try self.term()) }
        return left
    }

    private mutating func term() throws(CircuitBreakerExpressionError) -> CircuitBreakerExpression {
        if self.consume("(") {
            let inner = try self.orExpression()
            guard self.consume(")") else { throw self.error("expected )") }
            return inner
        }
        let metric = try self.metric()
        self.cursor.skipSpaces()
        let operators: [CircuitBreakerExpression.Comparison] = [.greaterOrEqual, .lessOrEqual, .equal, .notEqual, .greater, .less]
        guard let comparison = operators.first(where: { self.consume($0.rawValue) }) else {
            throw self.error("expected a comparison (>, <, >=, <=, ==, !=)")
        }
        return .compare(metric, comparison, try self.number())
    }

    private mutating func metric() throws(CircuitBreakerExpressionError) -> CircuitBreakerExpression.Metric {
        let name = self.cursor.name()
        guard self.consume("(") else { throw self.error("expected NetworkErrorRatio(), ResponseCodeRatio(...) or LatencyAtQuantileMS(...)") }
        var arguments: [Double] = []
        if !self.consume(")") {
            repeat { arguments.append(try self.number()) } while self.consume(",")
            guard self.consume(")") else { throw self.error("expected ) after the arguments of \(name)") }
        }
        switch (name, arguments.count) {
        case ("NetworkErrorRatio", 0):
            return .networkErrorRatio
        case ("ResponseCodeRatio", 4):
            let codes = arguments.map { Int($0) }
            guard codes[0] < codes[1], codes[2] < codes[3] else { throw self.error("ResponseCodeRatio(from, to, divFrom, divTo) needs from < to and divFrom < divTo") }
            return .responseCodeRatio(from: codes[0], to: codes[1], divFrom: codes[2], divTo: codes[3])
        case ("LatencyAtQuantileMS", 1):
            guard (0...100).contains(arguments[0]) else { throw self.error("the quantile of LatencyAtQuantileMS is a percentage, 0 to 100") }
            return .latencyAtQuantileMS(arguments[0])
        case ("NetworkErrorRatio", _), ("ResponseCodeRatio", _), ("LatencyAtQuantileMS", _):
            throw self.error("wrong number of arguments for \(name)")
        default:
            throw self.error("unknown function '\(name)'; use NetworkErrorRatio, ResponseCodeRatio or LatencyAtQuantileMS")
        }
    }

    private mutating func number() throws(CircuitBreakerExpressionError) -> Double {
        self.cursor.skipSpaces()
        let text = self.cursor.rest.prefix { $0.isNumber || $0 == "." || $0 == "-" }
        guard let value = Double(text) else { throw self.error("expected a number") }
        self.cursor.rest = self.cursor.rest.dropFirst(text.count)
        return value
    }

    private mutating func consume(_ token: String) -> Bool {
        self.cursor.consume(token)
    }

    private func error(_ message: String) -> CircuitBreakerExpressionError {
        CircuitBreakerExpressionError(description: self.cursor.describe(message))
    }
}
