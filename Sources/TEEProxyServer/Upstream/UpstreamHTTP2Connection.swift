import NIOCore
import NIOHTTP2
import TEEProxy

/// An HTTP/2 connection to one upstream server, shared by every request to it from one event
/// loop: each request is a stream of its own. Only its loop touches it.
final class UpstreamHTTP2Connection: @unchecked Sendable {
    let channel: any Channel
    let multiplexer: NIOHTTP2Handler.StreamMultiplexer
    let key: UpstreamConnectionKey
    let usesTLS: Bool
    /// Streams open now; with none, the connection idles and the pool closes it after `idleConnTimeout`.
    var openStreams = 0
    var idleSince = NIODeadline.now()

    init(channel: any Channel, multiplexer: NIOHTTP2Handler.StreamMultiplexer, key: UpstreamConnectionKey, usesTLS: Bool) {
        self.channel = channel
        self.multiplexer = multiplexer
        self.key = key
        self.usesTLS = usesTLS
    }
}
