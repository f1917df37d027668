import NIOCore
import TEESystemd

/// `transport.respondingTimeouts.readTimeout` and `writeTimeout`, as Go's HTTP server (and so
/// Traefik) applies them: once a request head has arrived, the rest of the request must arrive
/// within `readTimeout`, and the response must have ended within `writeTimeout`; otherwise the
/// connection is closed, and with it any upstream exchange. Waiting between keep-alive requests
/// is `idleTimeout`'s business, and an upgraded connection (WebSocket) has neither deadline.
extension HTTPProxyHandler {
    /// Arms both deadlines for the request whose head just arrived.
    func armDeadlines(context: ChannelHandlerContext) {
        self.cancelDeadlines()
        let loop = context.eventLoop.assumeIsolated()
        if self.entryPoint.readTimeout > .zero {
            self.readDeadline = loop.scheduleTask(in: .nanoseconds(self.entryPoint.readTimeout.nanoseconds)) {
                self.deadlinePassed()
            }
        }
        if self.entryPoint.writeTimeout > .zero {
            self.writeDeadline = loop.scheduleTask(in: .nanoseconds(self.entryPoint.writeTimeout.nanoseconds)) {
                self.deadlinePassed()
            }
        }
    }

    /// The whole request has been read: only the write deadline is left.
    func requestRead() {
        self.readDeadline?.cancel()
        self.readDeadline = nil
    }

    func cancelDeadlines() {
        self.readDeadline?.cancel()
        self.readDeadline = nil
        self.writeDeadline?.cancel()
        self.writeDeadline = nil
    }

    private func deadlinePassed() {
        self.readDeadline = nil
        self.writeDeadline = nil
        self.context?.close(promise: nil)
    }
}
