import NIOHTTP1
import Synchronization
public import TEEModel

/// `circuitBreaker`: closed, it forwards requests and watches their outcomes; every `checkPeriod`
/// it evaluates its expression over the last ten seconds and, when it holds, opens: for
/// `fallbackDuration` every request is answered with `responseCode`, and what it measured is
/// forgotten. Then it recovers: over
/// `recoveryDuration` a growing share of requests goes through (tripping again if the expression
/// holds), until it is closed again with a clean slate.
public final class CircuitBreakerMiddleware: RequestMiddleware {
    public let configuration: CircuitBreakerConfiguration
    private let state: Mutex<BreakerState>
    private let origin = ContinuousClock.now

    private enum Mode {
        case closed
        case open(until: ContinuousClock.Instant)
        case recovering(from: ContinuousClock.Instant, until: ContinuousClock.Instant, admitted: Int, seen: Int)
    }

    private struct BreakerState {
        var mode = Mode.closed
        var lastCheck: ContinuousClock.Instant
        var metrics = RollingRequestMetrics()
    }

    public init(_ configuration: CircuitBreakerConfiguration) {
        self.configuration = configuration
        self.state = Mutex(BreakerState(lastCheck: .now))
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let now = ContinuousClock.now
        let second = self.second(of: now)
        let admitted = self.state.withLock { state in self.admit(&state, now: now, second: second) }
        guard admitted else {
            let status = HTTPResponseStatus(statusCode: self.configuration.responseCode)
            return .respond(SyntheticResponse(status: status, body: status.reasonPhrase))
        }
        request.onCompletion { [self] outcome in
            let second = self.second(of: .now)
            self.state.withLock { $0.metrics.record(outcome, second: second) }
        }
        return .proceed
    }

    private func admit(_ state: inout BreakerState, now: ContinuousClock.Instant, second: Int64) -> Bool {
        if case .open(let until) = state.mode {
            guard now >= until else { return false }
            // Recovery began when the fallback ended, whether or not a request came then.
            state.mode = .recovering(from: until, until: until + self.configuration.recoveryDuration, admitted: 0, seen: 0)
            state.lastCheck = now
        }
        if now - state.lastCheck >= self.configuration.checkPeriod {
            state.lastCheck = now
            if self.configuration.expression.holds({ state.metrics.value(of: $0, second: second) }) {
                state.mode = .open(until: now + self.configuration.fallbackDuration)
                state.metrics.reset()  // recovery is judged on the requests it lets through
                return false
            }
        }
        guard case .recovering(let from, let until, let admitted, let seen) = state.mode else { return true }
        if now >= until {
            state.mode = .closed
            state.metrics.reset()
            return true
        }
        // Let through the share of requests that the time into recovery allows.
        let share = (now - from) / (until - from)
        let admit = Double(admitted) < share * Double(seen + 1)
        state.mode = .recovering(from: from, until: until, admitted: admitted + (admit ? 1 : 0), seen: seen + 1)
        return admit
    }

    private func second(of instant: ContinuousClock.Instant) -> Int64 {
        (instant - self.origin).components.seconds
    }
}
