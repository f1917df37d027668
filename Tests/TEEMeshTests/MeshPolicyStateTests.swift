import TEEMesh
import TEEModel
import Testing

/// The state the agent keeps between requests: outlier ejection, rate limits, the retry budget.
@Suite("mesh policy state")
struct MeshPolicyStateTests {
    static let service = MeshServiceIdentity(name: "api", namespace: "shop")
    static let instances = (1...4).map { MeshServiceInstance(service: Self.service, node: "n\($0)", port: 9000, serviceProtocol: .http, uid: 1000) }
    static let breaker = ServicePolicy.CircuitBreaker(consecutive5xx: 3, interval: .seconds(10), baseEjectionTime: .seconds(30), maxEjectionPercent: 50)

    @Test("an instance is ejected after consecutive failures, for longer each time, and comes back")
    func ejection() {
        let detector = MeshOutlierDetector()
        let start = ContinuousClock.now
        let bad = Self.instances[0]
        #expect(!detector.record(bad, failed: true, of: Self.instances, breaker: Self.breaker, now: start))
        #expect(!detector.record(bad, failed: true, of: Self.instances, breaker: Self.breaker, now: start))
        #expect(detector.record(bad, failed: true, of: Self.instances, breaker: Self.breaker, now: start))
        #expect(detector.isEjected(bad, now: start + .seconds(29)))
        #expect(detector.available(Self.instances, now: start + .seconds(29)) == Array(Self.instances.dropFirst()))
        #expect(!detector.isEjected(bad, now: start + .seconds(31)))
        // Ejected again right after readmission: twice the base time.
        let again = start + .seconds(31)
        for _ in 0..<3 { detector.record(bad, failed: true, of: Self.instances, breaker: Self.breaker, now: again) }
        #expect(detector.isEjected(bad, now: again + .seconds(59)))
        #expect(!detector.isEjected(bad, now: again + .seconds(61)))
    }

    @Test("successes reset the count; failures further apart than the interval do not add up")
    func consecutive() {
        let detector = MeshOutlierDetector()
        let start = ContinuousClock.now
        let instance = Self.instances[1]
        detector.record(instance, failed: true, of: Self.instances, breaker: Self.breaker, now: start)
        detector.record(instance, failed: true, of: Self.instances, breaker: Self.breaker, now: start)
        detector.record(instance, failed: false, of: Self.instances, breaker: Self.breaker, now: start)
        #expect(!detector.record(instance, failed: true, of: Self.instances, breaker: Self.breaker, now: start))
        #expect(!detector.record(instance, failed: true, of: Self.instances, breaker: Self.breaker, now: start + .seconds(11)))
        #expect(!detector.record(instance, failed: true, of: Self.instances, breaker: Self.breaker, now: start + .seconds(12)))
        #expect(detector.record(instance, failed: true, of: Self.instances, breaker: Self.breaker, now: start + .seconds(13)))
        #expect(!detector.record(Self.instances[2], failed: true, of: Self.instances, breaker: nil, now: start))
    }

    @Test("at most maxEjectionPercent of the instances are out at once; with all out, all are used")
    func maximumEjection() {
        let detector = MeshOutlierDetector()
        let now = ContinuousClock.now
        for instance in Self.instances {
            for _ in 0..<3 { detector.record(instance, failed: true, of: Self.instances, breaker: Self.breaker, now: now) }
        }
        #expect(Self.instances.filter { detector.isEjected($0, now: now) }.count == 2)
        let all = ServicePolicy.CircuitBreaker(consecutive5xx: 1, interval: .seconds(10), baseEjectionTime: .seconds(30), maxEjectionPercent: 100)
        let everything = MeshOutlierDetector()
        for instance in Self.instances { everything.record(instance, failed: true, of: Self.instances, breaker: all, now: now) }
        #expect(everything.available(Self.instances, now: now) == Self.instances)
    }

    @Test("a rate limit admits the burst, then the average per second")
    func rateLimit() {
        let limiter = MeshRateLimiter()
        let start = ContinuousClock.now
        let limit = ServicePolicy.RateLimit(average: 5, burst: 10)
        #expect((0..<10).allSatisfy { _ in limiter.admit(Self.service, limit: limit, now: start) })
        #expect(!limiter.admit(Self.service, limit: limit, now: start))
        #expect((0..<5).allSatisfy { _ in limiter.admit(Self.service, limit: limit, now: start + .seconds(1)) })
        #expect(!limiter.admit(Self.service, limit: limit, now: start + .seconds(1)))
        #expect(limiter.admit(Self.service, limit: nil, now: start))
    }

    @Test("retries stay within the budget's share of requests, with a floor for quiet services")
    func retryBudget() {
        let budget = MeshRetryBudget()
        let now = ContinuousClock.now
        for _ in 0..<100 { budget.recordRequest(to: Self.service, now: now) }
        // 20 % of 100 requests is 20; the floor is 10.
        #expect((0..<20).allSatisfy { _ in budget.takeRetry(to: Self.service, budgetPercent: 20, now: now) })
        #expect(!budget.takeRetry(to: Self.service, budgetPercent: 20, now: now))
        // A new window starts over.
        #expect(budget.takeRetry(to: Self.service, budgetPercent: 20, now: now + .seconds(11)))
        let quiet = MeshServiceIdentity(name: "quiet")
        #expect((0..<10).allSatisfy { _ in budget.takeRetry(to: quiet, budgetPercent: 20, now: now) })
        #expect(!budget.takeRetry(to: quiet, budgetPercent: 20, now: now))
    }
}
