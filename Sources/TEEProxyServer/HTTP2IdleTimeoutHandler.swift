import NIOCore
import NIOHTTP2
import TEESystemd

/// `idleTimeout` for an HTTP/2 connection, as Go's server (and so Traefik) applies it: once the
/// connection has had no open stream for that long, it gets a GOAWAY and is closed. Its one
/// timer is never cancelled when streams come and go: it fires, and re-arms for when the
/// connection could next have been idle long enough.
final class HTTP2IdleTimeoutHandler: ChannelInboundHandler {
    typealias InboundIn = Any

    private let timeout: TimeAmount
    private var openStreams = 0
    private var idleSince = NIODeadline.now()
    private var timer: Scheduled<Void>?

    init(timeout: Duration) {
        self.timeout = .nanoseconds(timeout.nanoseconds)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.arm(context: context, at: self.idleSince + self.timeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.timer?.cancel()
        self.timer = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.timer?.cancel()
        self.timer = nil
        context.fireChannelInactive()
    }

    /// A stream opened on the connection (NIO's inline multiplexer keeps its stream events to
    /// itself, so the stream initializer reports them).
    func streamOpened() {
        self.openStreams += 1
    }

    func streamClosed() {
        self.openStreams -= 1
        if self.openStreams == 0 { self.idleSince = .now() }
    }

    private func arm(context: ChannelHandlerContext, at deadline: NIODeadline) {
        self.timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.timer = nil
            let idleUntil = self.idleSince + self.timeout
            guard self.openStreams == 0, idleUntil <= .now() else {
                // Busy, or idle only since recently: look again when it could have been idle long enough.
                return self.arm(context: context, at: self.openStreams == 0 ? idleUntil : .now() + self.timeout)
            }
            let goAway = HTTP2Frame(streamID: .rootStream, payload: .goAway(lastStreamID: .maxID, errorCode: .noError, opaqueData: nil))
            context.writeAndFlush(NIOAny(goAway), promise: nil)
            context.close(promise: nil)
        }
    }
}
