/// `accessLog.filters`, as Traefik applies them: a request is logged when no filter is set, or
/// when its status is in `statusCodes`, or it was retried (`retryAttempts`), or it took longer
/// than `minDuration`.
public struct AccessLogFilters: Sendable, Equatable {
    /// `statusCodes`: single codes and ranges (`"200"`, `"400-404"`).
    public var statusCodes: [ClosedRange<UInt>]
    public var retryAttempts: Bool
    public var minDuration: Duration?

    public init(statusCodes: [ClosedRange<UInt>] = [], retryAttempts: Bool = false, minDuration: Duration? = nil) {
        self.statusCodes = statusCodes
        self.retryAttempts = retryAttempts
        self.minDuration = minDuration
    }

    /// Whether a request with `status`, `retries` and `duration` is logged.
    public func keeps(status: UInt, retries: Int, duration: Duration) -> Bool {
        if self.statusCodes.isEmpty && !self.retryAttempts && self.minDuration == nil { return true }
        if self.statusCodes.contains(where: { $0.contains(status) }) { return true }
        if self.retryAttempts && retries > 0 { return true }
        if let minDuration = self.minDuration, duration > minDuration { return true }
        return false
    }

    /// Reads `"200"` or `"400-404"`; nil when it is neither.
    public static func statusRange(_ text: String) -> ClosedRange<UInt>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { UInt($0.trimmingSpaces()) }
        switch parts.count {
        case 1: return parts[0].map { $0...$0 }
        case 2:
            guard let low = parts[0], let high = parts[1], low <= high else { return nil }
            return low...high
        default: return nil
        }
    }
}
