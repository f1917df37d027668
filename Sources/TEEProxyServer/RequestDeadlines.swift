import NIOCore

/// The deadlines of the request in progress (a ``DeadlineTimer`` checks them).
struct RequestDeadlines {
    var read: NIODeadline?
    var write: NIODeadline?
    /// `idleTimeout`: set while a keep-alive connection waits for its next request.
    var idle: NIODeadline?

    var nearest: NIODeadline? {
        Self.earlier(Self.earlier(self.read, self.write), self.idle)
    }

    private static func earlier(_ a: NIODeadline?, _ b: NIODeadline?) -> NIODeadline? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }
}
