/// Requests answered by one router or service: how many, how many with a 5xx status, and
/// their summed duration.
public struct TrafficCount: Sendable, Equatable, Codable {
    public var requests: Int
    public var serverErrors: Int
    public var seconds: Double

    public init(requests: Int = 0, serverErrors: Int = 0, seconds: Double = 0) {
        self.requests = requests
        self.serverErrors = serverErrors
        self.seconds = seconds
    }

    /// What was added between `earlier` and this count (zero when the count restarted).
    public func since(_ earlier: TrafficCount?) -> TrafficCount {
        guard let earlier, earlier.requests <= self.requests else { return self }
        return TrafficCount(requests: self.requests - earlier.requests, serverErrors: self.serverErrors - earlier.serverErrors,
                            seconds: self.seconds - earlier.seconds)
    }

    public static func + (left: TrafficCount, right: TrafficCount) -> TrafficCount {
        TrafficCount(requests: left.requests + right.requests, serverErrors: left.serverErrors + right.serverErrors,
                     seconds: left.seconds + right.seconds)
    }
}
