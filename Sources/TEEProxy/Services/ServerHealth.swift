import NIOCore
import Synchronization

/// Whether a server is in its load balancer's rotation: active health checks set it, and passive
/// checks take it out for a while after too many failed requests.
final class ServerHealth: Sendable {
    private let activeHealthy = Atomic<Bool>(true)
    /// Until when (nanoseconds on the monotonic clock) passive checks keep the server out; 0 when they do not.
    private let outUntil = Atomic<Int64>(0)
    private let failures = Mutex<[ContinuousClock.Instant]>([])

    var isHealthy: Bool {
        guard self.activeHealthy.load(ordering: .relaxed) else { return false }
        let until = self.outUntil.load(ordering: .relaxed)
        return until == 0 || Self.now() >= until
    }

    var isActivelyHealthy: Bool {
        get { self.activeHealthy.load(ordering: .relaxed) }
        set { self.activeHealthy.store(newValue, ordering: .relaxed) }
    }

    /// Counts a failed request; returns true when it takes the server out of the rotation.
    func recordFailure(window: Duration, maxFailures: Int) -> Bool {
        let now = ContinuousClock.now
        let tripped = self.failures.withLock { failures -> Bool in
            failures.removeAll { now - $0 > window }
            failures.append(now)
            guard failures.count >= maxFailures else { return false }
            failures.removeAll()
            return true
        }
        if tripped { self.outUntil.store(Self.now() + window.nanosecondsValue, ordering: .relaxed) }
        return tripped
    }

    /// The monotonic clock in nanoseconds.
    private static func now() -> Int64 {
        Int64(NIODeadline.now().uptimeNanoseconds)
    }
}
