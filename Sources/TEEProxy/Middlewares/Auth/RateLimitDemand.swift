import Synchronization
public import TEEModel

/// A proxy's side of its distributed rate limits: counts the requests each limited source
/// offers, reports them as rates (``report()``) and takes the cluster's totals (``apply(_:)``);
/// each source's share of its limit is this proxy's part of the cluster's demand. Without fresh
/// totals (alone, or no controller answering) every share is 1: the limit applies per proxy.
public final class RateLimitDemand: Sendable {
    private struct Entry {
        var count = 0.0
        var rate = 0.0
        var share = 1.0
        var lastOffered: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var lastReport: ContinuousClock.Instant = .now
        var lastTotals: ContinuousClock.Instant?
    }

    /// Totals older than this no longer count: the proxy limits alone.
    static let staleAfter = Duration.milliseconds(600)
    /// A source idle this long is forgotten.
    static let idleAfter = Duration.seconds(10)
    private let state = Mutex(State())

    public init() {}

    /// Counts one request of `key`; its share of the limit now.
    func offer(_ key: String) -> Double {
        let now = ContinuousClock.now
        return self.state.withLock { state in
            let fresh = state.lastTotals.map { now - $0 < Self.staleAfter } ?? false
            var entry = state.entries[key] ?? Entry(lastOffered: now)
            entry.count += 1
            entry.lastOffered = now
            state.entries[key] = entry
            return fresh ? entry.share : 1
        }
    }

    /// This proxy's demand per source since the last report (smoothed), forgetting idle sources.
    public func report() -> [DemandRate] {
        let now = ContinuousClock.now
        return self.state.withLock { state in
            let elapsed = max(0.001, (now - state.lastReport).secondsValue)
            state.lastReport = now
            var rates: [DemandRate] = []
            for (key, var entry) in state.entries {
                if now - entry.lastOffered > Self.idleAfter {
                    state.entries[key] = nil
                    continue
                }
                entry.rate = entry.rate == 0 ? entry.count / elapsed : 0.5 * entry.rate + 0.5 * entry.count / elapsed
                entry.count = 0
                state.entries[key] = entry
                if entry.rate > 0 { rates.append(DemandRate(key: key, rate: entry.rate)) }
            }
            return rates
        }
    }

    /// Takes the cluster's demand per source: each share becomes this proxy's part of it.
    public func apply(_ totals: [DemandRate]) {
        let now = ContinuousClock.now
        self.state.withLock { state in
            for total in totals {
                guard var entry = state.entries[total.key] else { continue }
                entry.share = total.rate > 0 ? min(1, max(0, entry.rate / total.rate)) : 1
                state.entries[total.key] = entry
            }
            state.lastTotals = now
        }
    }
}
