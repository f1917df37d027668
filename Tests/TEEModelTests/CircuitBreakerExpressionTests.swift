import TEEModel
import Testing

@Suite struct CircuitBreakerExpressionTests {
    @Test("expressions parse into the metric, comparison and threshold", arguments: [
        ("NetworkErrorRatio() > 0.30", CircuitBreakerExpression.compare(.networkErrorRatio, .greater, 0.3)),
        ("ResponseCodeRatio(500, 600, 0, 600) >= 0.25",
         .compare(.responseCodeRatio(from: 500, to: 600, divFrom: 0, divTo: 600), .greaterOrEqual, 0.25)),
        ("LatencyAtQuantileMS(50.0) > 100", .compare(.latencyAtQuantileMS(50), .greater, 100)),
        ("NetworkErrorRatio() > 0.5 || LatencyAtQuantileMS(99) > 500 && ResponseCodeRatio(500,600,0,600) > 0.1",
         .or(.compare(.networkErrorRatio, .greater, 0.5),
             .and(.compare(.latencyAtQuantileMS(99), .greater, 500),
                  .compare(.responseCodeRatio(from: 500, to: 600, divFrom: 0, divTo: 600), .greater, 0.1)))),
        ("(NetworkErrorRatio() > 0.5 || LatencyAtQuantileMS(99) > 500) && NetworkErrorRatio() != 1",
         .and(.or(.compare(.networkErrorRatio, .greater, 0.5), .compare(.latencyAtQuantileMS(99), .greater, 500)),
              .compare(.networkErrorRatio, .notEqual, 1))),
    ])
    func parses(text: String, expected: CircuitBreakerExpression) throws {
        #expect(try CircuitBreakerExpression.parse(text) == expected)
    }

    @Test("bad expressions say what was expected and where", arguments: [
        ("NetworkErrorRatio() >", "expected a number at character 22"),
        ("NetworkErrorRatio > 0.5", "expected NetworkErrorRatio()"),
        ("ErrorRate() > 1", "unknown function 'ErrorRate'"),
        ("ResponseCodeRatio(500, 600) > 0.5", "wrong number of arguments for ResponseCodeRatio"),
        ("ResponseCodeRatio(600, 500, 0, 600) > 0.5", "needs from < to"),
        ("LatencyAtQuantileMS(150) > 1", "a percentage"),
        ("NetworkErrorRatio() 0.5", "expected a comparison"),
        ("(NetworkErrorRatio() > 0.5", "expected )"),
        ("NetworkErrorRatio() > 0.5 and", "unexpected 'and'"),
    ])
    func rejects(text: String, message: String) {
        #expect {
            _ = try CircuitBreakerExpression.parse(text)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func evaluatesComparisonsAndOperators() throws {
        let expression = try CircuitBreakerExpression.parse("NetworkErrorRatio() > 0.5 || LatencyAtQuantileMS(50) >= 100")
        #expect(expression.holds { $0 == .networkErrorRatio ? 0.6 : 0 })
        #expect(expression.holds { $0 == .networkErrorRatio ? 0 : 100 })
        #expect(!expression.holds { $0 == .networkErrorRatio ? 0.5 : 99 })
    }
}
