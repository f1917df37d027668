/// A `circuitBreaker` expression: `NetworkErrorRatio()`, `ResponseCodeRatio(from, to, divFrom, divTo)`
/// and `LatencyAtQuantileMS(q)` compared with numbers, joined by `&&` and `||`, in parentheses as needed.
public indirect enum CircuitBreakerExpression: Sendable, Equatable {
    /// A value measured over the recent requests.
    public enum Metric: Sendable, Equatable {
        /// Requests whose server could not be reached, over all requests.
        case networkErrorRatio
        /// Responses with a status in `from..<to`, over those with a status in `divFrom..<divTo`.
        case responseCodeRatio(from: Int, to: Int, divFrom: Int, divTo: Int)
        /// The latency at quantile `q` (a percentage, 0–100), in milliseconds.
        case latencyAtQuantileMS(Double)
    }

    public enum Comparison: String, Sendable, Equatable {
        case greater = ">", less = "<", greaterOrEqual = ">=", lessOrEqual = "<=", equal = "==", notEqual = "!="
    }

    case compare(Metric, Comparison, Double)
    case and(CircuitBreakerExpression, CircuitBreakerExpression)
    case or(CircuitBreakerExpression, CircuitBreakerExpression)

    /// Whether the expression holds, given each metric's current value.
    public func holds(_ value: (Metric) -> Double) -> Bool {
        switch self {
        case .and(let left, let right): left.holds(value) && right.holds(value)
        case .or(let left, let right): left.holds(value) || right.holds(value)
        case .compare(let metric, let comparison, let threshold):
            switch comparison {
            case .greater: value(metric) > threshold
            case .less: value(metric) < threshold
            case .greaterOrEqual: value(metric) >= threshold
            case .lessOrEqual: value(metric) <= threshold
            case .equal: value(metric) == threshold
            case .notEqual: value(metric) != threshold
            }
        }
    }

    /// Parses an expression; the error says what was expected where.
    public static func parse(_ text: String) throws(CircuitBreakerExpressionError) -> CircuitBreakerExpression {
        var parser = CircuitBreakerExpressionParser(text)
        return try parser.parse()
    }
}

/// Why a circuit breaker expression does not parse.
public struct CircuitBreakerExpressionError: Error, CustomStringConvertible {
    public let description: String
}
