import NIOCore
import TEEProxy

/// A pooled HTTP/1.1 connection to one upstream server, or one stream of an HTTP/2 connection. Like its pool it is only touched on
/// its channel's event loop, which is what makes passing the reference around safe.
final class UpstreamConnection: @unchecked Sendable {
    let channel: any Channel
    let handler: UpstreamHandler
    let key: UpstreamConnectionKey
    /// An HTTP/2 stream: used for one request, never returned to the idle list.
    let isStream: Bool
    /// When it was last returned to the pool (the pool closes it after `idleConnTimeout`).
    var idleSince = NIODeadline.now()

    init(channel: any Channel, handler: UpstreamHandler, key: UpstreamConnectionKey, isStream: Bool) {
        self.channel = channel
        self.handler = handler
        self.key = key
        self.isStream = isStream
    }
}
