import Foundation

/// When to try again after a failed order: one minute, doubling per failure up to a day, and
/// never sooner than the CA's `Retry-After` (at least an hour when it says it is rate limited),
/// so a failing name is never ordered in a loop.
struct ACMEOrderBackoff: Sendable, Equatable {
    private(set) var failures = 0
    private(set) var retryAt: Date?
    private(set) var lastError: String?

    mutating func failed(_ error: any Error, now: Date = Date()) {
        self.failures += 1
        var delay = min(60 * pow(2, Double(self.failures - 1)), 24 * 3600)
        if let problem = error as? ACMEProblem {
            if let retryAfter = problem.retryAfter { delay = max(delay, Double(retryAfter)) }
            if problem.isRateLimited { delay = max(delay, 3600) }
        }
        self.retryAt = now.addingTimeInterval(delay)
        self.lastError = "\(error)"
    }

    func allowsAttempt(now: Date = Date()) -> Bool {
        self.retryAt.map { now >= $0 } ?? true
    }
}
