import Synchronization
public import TEEModel

/// Bounds retries to a share of the requests a client agent sends each service (Linkerd's retry
/// budget): over the last ten seconds, retries may add `budgetPercent` of the requests, and at
/// least a few per second so that a quiet service can still retry.
public final class MeshRetryBudget: Sendable {
    private struct Window {
        var start: ContinuousClock.Instant
        var requests = 0
        var retries = 0
    }

    private let windows = Mutex<[MeshServiceIdentity: Window]>([:])
    static let window = Duration.seconds(10)
    static let minimumRetriesPerWindow = 10

    public init() {}

    /// Counts a first attempt.
    public func recordRequest(to service: MeshServiceIdentity, now: ContinuousClock.Instant = .now) {
        self.windows.withLock { windows in
            var window = Self.current(windows[service], now: now)
            window.requests += 1
            windows[service] = window
        }
    }

    /// Takes a retry from the budget; false when it is spent.
    public func takeRetry(to service: MeshServiceIdentity, budgetPercent: Int, now: ContinuousClock.Instant = .now) -> Bool {
        self.windows.withLock { windows in
            var window = Self.current(windows[service], now: now)
            let allowed = max(Self.minimumRetriesPerWindow, window.requests * budgetPercent / 100)
            guard window.retries < allowed else { return false }
            window.retries += 1
            windows[service] = window
            return true
        }
    }

    private static func current(_ window: Window?, now: ContinuousClock.Instant) -> Window {
        guard let window, now - window.start < Self.window else { return Window(start: now) }
        return window
    }
}
