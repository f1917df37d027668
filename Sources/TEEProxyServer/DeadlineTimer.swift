import NIOCore

/// One timer for the request deadlines of a client connection: the handler of an HTTP/1.1
/// connection, or the handlers of all streams of an HTTP/2 connection, are watched while they
/// have a deadline. The timer fires at the nearest one, closes the handlers whose deadline has
/// passed and re-arms itself for the next, so requests note deadlines without scheduling a
/// task each (a stream would otherwise schedule and cancel one per request).
///
/// Only its event loop touches it.
final class DeadlineTimer {
    private let eventLoop: any EventLoop
    private var watched: [ObjectIdentifier: HTTPProxyHandler] = [:]
    private var timer: Scheduled<Void>?
    /// When `timer` fires.
    private var timerDeadline: NIODeadline?

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Watches `handler`, whose nearest deadline is `deadline`, until ``forget(_:)``.
    func watch(_ handler: HTTPProxyHandler, until deadline: NIODeadline) {
        self.watched[ObjectIdentifier(handler)] = handler
        // A timer that fires earlier is kept: it re-arms itself for what is left.
        if let pending = self.timerDeadline, pending <= deadline { return }
        self.schedule(at: deadline)
    }

    /// Stops watching `handler`. A pending timer stays: when it fires with nothing left to watch
    /// it is not re-armed, and HTTP/2 streams that come and go do not cancel and schedule it
    /// each time the last one ends.
    func forget(_ handler: HTTPProxyHandler) {
        self.watched.removeValue(forKey: ObjectIdentifier(handler))
    }

    /// The connection has closed: the timer is cancelled, so it holds nothing until it would have fired.
    func stop() {
        self.watched = [:]
        self.timer?.cancel()
        self.timer = nil
        self.timerDeadline = nil
    }

    private func schedule(at deadline: NIODeadline) {
        self.timer?.cancel()
        self.timerDeadline = deadline
        self.timer = self.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] in
            self?.fire()
        }
    }

    private func fire() {
        self.timer = nil
        self.timerDeadline = nil
        let now = NIODeadline.now()
        var next: NIODeadline?
        for (id, handler) in self.watched {
            guard let nearest = handler.deadlines.nearest else {
                self.watched[id] = nil
                continue
            }
            if nearest <= now {
                self.watched[id] = nil
                handler.deadlinePassed()
            } else {
                next = min(next ?? nearest, nearest)
            }
        }
        if let next { self.schedule(at: next) }
    }
}
