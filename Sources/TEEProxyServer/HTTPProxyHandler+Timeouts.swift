import NIOCore
import TEESystemd

/// `transport.respondingTimeouts.readTimeout` and `writeTimeout`, as Go's HTTP server (and so
/// Traefik) applies them: once a request head has arrived, the rest of the request must arrive
/// within `readTimeout`, and the response must have ended within `writeTimeout`; otherwise the
/// connection is closed, and with it any upstream exchange. Waiting between keep-alive requests
/// is `idleTimeout`'s business (an HTTP/1.1 connection with no request for that long is closed),
/// and an upgraded connection (WebSocket) has none of these deadlines.
///
/// A request only notes its deadlines; one ``DeadlineTimer`` per connection checks them (for an
/// HTTP/2 connection, those of all its streams), so no request schedules and cancels a timer.
extension HTTPProxyHandler {
    /// An HTTP/1.1 connection's first request must arrive, head and body, within `readTimeout` of
    /// the connection being set up, as Go counts it: a client trickling its header lines
    /// (slowloris) is closed then. Later requests on the connection wait under `idleTimeout`.
    func armFirstRequestDeadline() {
        let read = self.entryPoint.readTimeout
        guard self.closesWhenIdle, read > .zero else { return }
        self.deadlines.read = NIODeadline.now() + .nanoseconds(read.nanoseconds)
        self.scheduleDeadlineCheck()
    }

    /// Sets both deadlines for the request whose head just arrived (a first request's read
    /// deadline counts from the connection's start).
    func armDeadlines() {
        self.deadlines.idle = nil
        let read = self.entryPoint.readTimeout
        let write = self.entryPoint.writeTimeout
        guard read > .zero || write > .zero else { return }
        let now = NIODeadline.now()
        self.deadlines.read = read > .zero ? self.deadlines.read ?? now + .nanoseconds(read.nanoseconds) : nil
        self.deadlines.write = write > .zero ? now + .nanoseconds(write.nanoseconds) : nil
        self.scheduleDeadlineCheck()
    }

    /// The connection waits for its next request: it may do so for `idleTimeout`.
    func armIdleDeadline() {
        guard self.closesWhenIdle, self.entryPoint.idleTimeout > .zero else { return }
        self.deadlines.idle = NIODeadline.now() + .nanoseconds(self.entryPoint.idleTimeout.nanoseconds)
        self.scheduleDeadlineCheck()
    }

    /// The whole request has been read: only the write deadline is left.
    func requestRead() {
        self.deadlines.read = nil
    }

    /// The response has ended.
    func responseWritten() {
        self.deadlines.write = nil
    }

    func cancelDeadlines() {
        self.deadlines = RequestDeadlines()
        self.deadlineTimer.forget(self)
    }

    /// The connection's timer found a deadline passed: close the connection (or stream), and
    /// with it any upstream exchange.
    func deadlinePassed() {
        self.deadlines = RequestDeadlines()
        self.client?.close()
    }

    private func scheduleDeadlineCheck() {
        guard let nearest = self.deadlines.nearest else { return }
        self.deadlineTimer.watch(self, until: nearest)
    }
}
