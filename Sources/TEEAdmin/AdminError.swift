/// A failure teeadm reports: what went wrong and what to do.
public struct AdminError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// Set when the same request may succeed if sent again after this long (the controller
    /// answered 409: another node is in the middle of the same step).
    public var retryAfter: Duration?

    public init(_ message: String, retryAfter: Duration? = nil) {
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { self.message }
}
