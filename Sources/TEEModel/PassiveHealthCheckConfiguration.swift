/// `loadBalancer.passiveHealthCheck`: a server that fails `maxFailedAttempts` requests within
/// `failureWindow` leaves the rotation for `failureWindow`.
public struct PassiveHealthCheckConfiguration: Sendable, Equatable {
    public var failureWindow: Duration
    public var maxFailedAttempts: Int

    public init(failureWindow: Duration = .seconds(10), maxFailedAttempts: Int = 1) {
        self.failureWindow = failureWindow
        self.maxFailedAttempts = maxFailedAttempts
    }
}
