import NIOCore
import TEEProxy

/// A pooled HTTP/1.1 connection to one upstream server.
final class UpstreamConnection {
    let channel: any Channel
    let handler: UpstreamHandler
    let key: UpstreamConnectionKey
    /// Closes the connection if it idles too long in the pool.
    var idleTimer: Scheduled<Void>?

    init(channel: any Channel, handler: UpstreamHandler, key: UpstreamConnectionKey) {
        self.channel = channel
        self.handler = handler
        self.key = key
    }
}
