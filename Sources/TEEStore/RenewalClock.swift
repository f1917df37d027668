import Synchronization

/// When a lease was last renewed, shared by the keep-alive stream and its deadline check.
final class RenewalClock: Sendable {
    private let last = Mutex(ContinuousClock.now)

    func mark() {
        self.last.withLock { $0 = .now }
    }

    var elapsed: Duration {
        ContinuousClock.now - self.last.withLock { $0 }
    }
}
