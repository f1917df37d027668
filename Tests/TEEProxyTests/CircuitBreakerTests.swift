import NIOHTTP1
import TEEModel
import TEEProxy
import Testing

@Suite struct CircuitBreakerTests {
    /// Sends a request through the breaker; when admitted, it completes with `status`.
    static func send(_ breaker: any RequestMiddleware, status: UInt = 200, upstreamFailed: Bool = false) -> UInt {
        var proxied = request("a.test")
        if let response = answer(of: breaker, to: &proxied) { return response.status.code }
        proxied.complete(RequestOutcome(status: status, duration: .milliseconds(5), upstreamFailed: upstreamFailed))
        return status
    }

    @Test("closed, open on 5xx, answering responseCode, then recovering and closed again")
    func lifecycle() async throws {
        let breaker = try middleware("""
            circuitBreaker:
              expression: "ResponseCodeRatio(500, 600, 0, 600) > 0.5"
              checkPeriod: 1ms
              fallbackDuration: 200ms
              recoveryDuration: 3s
              responseCode: 529
            """)
        #expect(Self.send(breaker) == 200)
        for _ in 0..<3 { _ = Self.send(breaker, status: 500) }
        try await Task.sleep(for: .milliseconds(5))
        #expect(Self.send(breaker) == 529, "3 of 4 failed: the breaker should be open")
        #expect(Self.send(breaker) == 529)
        try await Task.sleep(for: .milliseconds(400))
        // Recovering, a few percent of the way: some requests get through, others are still refused.
        let answers = (0..<10).map { _ in Self.send(breaker) }
        #expect(answers.contains(200) && answers.contains(529), "\(answers)")
        // Closed again once the recovery is over (polled: a loaded machine sleeps longer than asked).
        var recent: [UInt] = []
        for _ in 0..<100 where recent.suffix(5) != [200, 200, 200, 200, 200] {
            try await Task.sleep(for: .milliseconds(50))
            recent.append(Self.send(breaker))
        }
        #expect(recent.suffix(5) == [200, 200, 200, 200, 200])
    }

    @Test("NetworkErrorRatio counts requests whose server could not be reached")
    func networkErrors() async throws {
        let breaker = try middleware("circuitBreaker:\n  expression: NetworkErrorRatio() > 0.2\n  checkPeriod: 1ms")
        for _ in 0..<3 { _ = Self.send(breaker) }
        _ = Self.send(breaker, status: 502, upstreamFailed: true)
        try await Task.sleep(for: .milliseconds(5))
        #expect(Self.send(breaker) == 503)
    }
}
