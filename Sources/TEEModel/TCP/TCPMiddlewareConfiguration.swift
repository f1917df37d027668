/// `tcp.middlewares.<name>`.
public enum TCPMiddlewareConfiguration: Sendable, Equatable {
    /// `ipAllowList.sourceRange`: other clients' connections are closed.
    case ipAllowList(sourceRange: [IPNetwork])
    /// `inFlightConn.amount`: at most this many connections per client address.
    case inFlightConn(amount: Int)
}
