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

    /// A breaker tripped by 3 failures of 4 requests; it is open for 200 ms, then recovers.
    static func trippedBreaker(recoveryDuration: String) throws -> any RequestMiddleware {
        let breaker = try middleware("""
            circuitBreaker:
              expression: "ResponseCodeRatio(500, 600, 0, 600) > 0.5"
              checkPeriod: 1ms
              fallbackDuration: 200ms
              recoveryDuration: \(recoveryDuration)
              responseCode: 529
            """)
        #expect(Self.send(breaker) == 200)
        for _ in 0..<3 { _ = Self.send(breaker, status: 500) }
        return breaker
    }

    @Test("closed, open on 5xx answering responseCode, then recovering: some requests through, others refused")
    func opensAndRecovers() async throws {
        // The recovery lasts a minute, so a stalled test machine still finds it under way.
        let breaker = try Self.trippedBreaker(recoveryDuration: "60s")
        let tripped = ContinuousClock.now
        try await Task.sleep(for: .milliseconds(5))
        let whileOpen = [Self.send(breaker), Self.send(breaker)]
        // Judged only when the machine did not stall past the 200 ms fallback.
        if ContinuousClock.now - tripped < .milliseconds(200) {
            #expect(whileOpen == [529, 529], "3 of 4 failed: the breaker should be open")
        }
        try await Task.sleep(for: .milliseconds(400))
        // Recovering, a little of the way: the first request gets through, the following are refused.
        let answers = (0..<10).map { _ in Self.send(breaker) }
        #expect(answers.first == 200 && answers.contains(529), "\(answers)")
    }

    @Test("closed again with a clean slate once the recovery is over")
    func closesAfterRecovery() async throws {
        let breaker = try Self.trippedBreaker(recoveryDuration: "300ms")
        let tripped = ContinuousClock.now
        try await Task.sleep(for: .milliseconds(5))
        let whileOpen = Self.send(breaker)
        if ContinuousClock.now - tripped < .milliseconds(200) { #expect(whileOpen == 529) }
        // Polled: a loaded machine sleeps longer than asked.
        var recent: [UInt] = []
        for _ in 0..<100 where recent.suffix(5) != [200, 200, 200, 200, 200] {
            try await Task.sleep(for: .milliseconds(50))
            recent.append(Self.send(breaker))
        }
        #expect(recent.suffix(5) == [200, 200, 200, 200, 200])
        // The failures before the trip were forgotten: one more failure among successes does not trip it.
        _ = Self.send(breaker, status: 500)
        try await Task.sleep(for: .milliseconds(5))
        #expect(Self.send(breaker) == 200)
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
