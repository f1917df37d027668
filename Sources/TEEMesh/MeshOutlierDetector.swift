import Synchronization
public import TEEModel

/// Circuit breaking per instance, as Envoy's outlier detection: an instance that answers
/// `consecutive5xx` server errors in a row (or cannot be reached) leaves the rotation for the
/// base ejection time, longer each time it is ejected again, while at most `maxEjectionPercent`
/// of a service's instances are out at once. Kept by the agent across configuration reloads.
public final class MeshOutlierDetector: Sendable {
    private struct State {
        var consecutiveFailures = 0
        var lastFailure: ContinuousClock.Instant?
        var ejectedUntil: ContinuousClock.Instant?
        var ejections = 0
    }

    private let states = Mutex<[MeshServiceInstance: State]>([:])

    public init() {}

    /// The instances to send to now: those not ejected (all of them if every one is, since a
    /// guess beats a certain failure).
    public func available(_ instances: [MeshServiceInstance], now: ContinuousClock.Instant = .now) -> [MeshServiceInstance] {
        let usable = self.states.withLock { states in
            states.isEmpty ? instances : instances.filter { instance in
                guard let until = states[instance]?.ejectedUntil else { return true }
                return until <= now
            }
        }
        return usable.isEmpty ? instances : usable
    }

    /// Whether the instance is out of the rotation now.
    public func isEjected(_ instance: MeshServiceInstance, now: ContinuousClock.Instant = .now) -> Bool {
        self.states.withLock { $0[instance]?.ejectedUntil.map { $0 > now } ?? false }
    }

    /// Records how a request to `instance` ended: `failed` for a 5xx or no answer. Returns true
    /// when this ejected the instance.
    @discardableResult
    public func record(_ instance: MeshServiceInstance, failed: Bool, of instances: [MeshServiceInstance],
                       breaker: ServicePolicy.CircuitBreaker?, now: ContinuousClock.Instant = .now) -> Bool {
        guard let breaker else { return false }
        return self.states.withLock { states in
            var state = states[instance] ?? State()
            defer { states[instance] = state }
            guard failed else {
                state.consecutiveFailures = 0
                // A readmitted instance that stays healthy for an interval is forgiven its past ejections.
                if let until = state.ejectedUntil, until <= now, now - until >= breaker.interval {
                    state.ejections = 0
                    state.ejectedUntil = nil
                }
                return false
            }
            // Failures further apart than the interval do not add up.
            if let last = state.lastFailure, now - last > breaker.interval { state.consecutiveFailures = 0 }
            state.consecutiveFailures += 1
            state.lastFailure = now
            guard state.consecutiveFailures >= breaker.consecutive5xx, !(state.ejectedUntil.map { $0 > now } ?? false) else { return false }
            let ejectedNow = instances.filter { other in other != instance && (states[other]?.ejectedUntil.map { $0 > now } ?? false) }.count
            let allowed = max(1, instances.count * breaker.maxEjectionPercent / 100)
            guard ejectedNow < allowed, breaker.maxEjectionPercent > 0 else { return false }
            state.ejections += 1
            state.consecutiveFailures = 0
            state.ejectedUntil = now + breaker.baseEjectionTime * state.ejections
            return true
        }
    }
}
