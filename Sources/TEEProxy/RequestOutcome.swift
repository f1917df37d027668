/// How a request ended, for middlewares that watch outcomes (`inFlightReq`, `circuitBreaker`).
public struct RequestOutcome: Sendable {
    /// The status sent to the client (499 when the client went away first).
    public let status: UInt
    /// From the request head's arrival to the end of the response.
    public let duration: Duration
    /// The upstream server could not be reached or failed mid-response.
    public let upstreamFailed: Bool

    public init(status: UInt, duration: Duration, upstreamFailed: Bool) {
        self.status = status
        self.duration = duration
        self.upstreamFailed = upstreamFailed
    }
}
