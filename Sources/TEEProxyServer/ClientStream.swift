import NIOCore
import NIOHTTP1

/// Where the request path sends a response and how it paces the client: an HTTP/1.1 connection
/// (``HTTP1ClientStream``) or one stream of an HTTP/2 connection (``HTTP2ServerStream``, a plain
/// object on the connection's handler rather than a channel of its own). Used on its event loop only.
protocol ClientStream: AnyObject {
    var eventLoop: any EventLoop { get }
    var allocator: ByteBufferAllocator { get }
    /// Whether the client takes more response bytes now (socket buffer, and a stream's flow-control window).
    var isWritable: Bool { get }
    /// Queues a response part; it leaves with the next flush.
    func write(_ part: HTTPServerResponsePart)
    func flush()
    /// Writes a response's last part and flushes; then, when `thenClose`, closes (the connection, or the stream).
    func writeLast(_ part: HTTPServerResponsePart, thenClose: Bool)
    /// Ends the exchange with the client at once: the connection, or the stream (reset, if its response had not ended).
    func close()
    /// Pauses or resumes reading what the client sends (pipelined requests, a request body the server cannot take yet).
    func setReading(_ reading: Bool)
}
