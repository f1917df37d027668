import NIOCore

/// The deadlines of the request in progress and the connection's one timer that checks them.
struct RequestDeadlines {
    var read: NIODeadline?
    var write: NIODeadline?
    /// `idleTimeout`: set while a keep-alive connection waits for its next request.
    var idle: NIODeadline?
    var timer: Scheduled<Void>?
    /// When `timer` fires.
    var timerDeadline: NIODeadline?

    var nearest: NIODeadline? {
        [self.read, self.write, self.idle].compactMap { $0 }.min()
    }
}
