import NIOCore

/// An upstream HTTP/2 connection being dialled, with the streams already promised to it (the
/// requests that arrived meanwhile and wait for it). Only its pool's event loop touches it.
final class PendingHTTP2Connection {
    let connection: EventLoopFuture<UpstreamHTTP2Connection>
    var promisedStreams = 1

    init(connection: EventLoopFuture<UpstreamHTTP2Connection>) {
        self.connection = connection
    }
}
