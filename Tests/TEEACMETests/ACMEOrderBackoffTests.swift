import Foundation
@testable import TEEACME
import Testing

@Suite struct ACMEOrderBackoffTests {
    let now = Date(timeIntervalSince1970: 1_000_000)

    @Test func doublesFromAMinuteUpToADay() {
        var backoff = ACMEOrderBackoff()
        var delays: [TimeInterval] = []
        for _ in 0..<14 {
            backoff.failed(ACMEProblem(type: "urn:ietf:params:acme:error:connection", detail: "x"), now: self.now)
            delays.append(backoff.retryAt!.timeIntervalSince(self.now).rounded())
        }
        #expect(Array(delays.prefix(4)) == [60, 120, 240, 480])
        #expect(delays.last.map { Int($0) } == 86_400)
        #expect(!backoff.allowsAttempt(now: self.now))
        #expect(backoff.allowsAttempt(now: self.now.addingTimeInterval(24 * 3600)))
        #expect(backoff.lastError?.contains("connection") == true)
    }

    @Test func rateLimitsWaitAtLeastAnHourOrTheCAsRetryAfter() {
        var limited = ACMEOrderBackoff()
        limited.failed(ACMEProblem(type: "urn:ietf:params:acme:error:rateLimited", detail: "too many", status: 429), now: self.now)
        #expect(limited.retryAt.map { $0.timeIntervalSince(self.now).rounded() } == 3600)
        var told = ACMEOrderBackoff()
        told.failed(ACMEProblem(type: "urn:ietf:params:acme:error:rateLimited", detail: "", status: 429, retryAfter: 7200), now: self.now)
        #expect(told.retryAt.map { $0.timeIntervalSince(self.now).rounded() } == 7200)
    }
}
