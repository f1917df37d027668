import NIOCore
import NIOHPACK
import NIOHTTP1
import NIOHTTP2

/// One request stream of an HTTP/2 connection as a ``ClientStream``: a plain object kept by the
/// connection's ``HTTP2ServerConnectionHandler``, not a channel. Response parts become frames
/// written on the connection; the last frame of a response is held until the next part, so that
/// a response's end rides on its last HEADERS or DATA frame instead of an empty DATA frame of its own.
final class HTTP2ServerStream: ClientStream {
    let id: HTTP2StreamID
    private let connection: HTTP2ServerConnectionHandler
    private let context: ChannelHandlerContext
    /// The request path serving this stream; nil once the stream has closed.
    private(set) var handler: HTTPProxyHandler?
    /// A frame not written yet: the response's latest HEADERS or DATA, which may turn out to be its last.
    private var held: HTTP2Frame.FramePayload?
    /// The stream has closed (ended both ways or reset): nothing more is written.
    private(set) var closed = false
    /// The response has ended (END_STREAM written).
    private var ended = false
    /// Whether the request path takes more of the request body now (see ``setReading(_:)``).
    private(set) var reading = true
    /// The client may send this many more body bytes before a WINDOW_UPDATE.
    var inboundWindow: Int
    /// This many more response body bytes may be sent before the client's WINDOW_UPDATE.
    var outboundWindow: Int
    /// The writability last reported to the request path.
    var reportedWritable = true
    /// The request body has ended (END_STREAM received).
    var requestEnded = false
    /// Body bytes received while paused: the connection's window is reopened by them once the stream reads again.
    var connectionBytesHeld = 0

    init(id: HTTP2StreamID, connection: HTTP2ServerConnectionHandler, context: ChannelHandlerContext, handler: HTTPProxyHandler,
         inboundWindow: Int, outboundWindow: Int) {
        self.id = id
        self.connection = connection
        self.context = context
        self.handler = handler
        self.inboundWindow = inboundWindow
        self.outboundWindow = outboundWindow
    }

    var eventLoop: any EventLoop { self.context.eventLoop }
    var allocator: ByteBufferAllocator { self.context.channel.allocator }
    var isWritable: Bool { self.outboundWindow > 0 && self.connection.isWritable }

    func write(_ part: HTTPServerResponsePart) {
        guard !self.closed, !self.ended else { return }
        switch part {
        case .head(let head) where head.status.code < 200:
            // 100 Continue and friends go out as they are; the final head follows.
            self.writeHeld()
            self.writeFrame(.headers(.init(headers: Self.responseHeaders(head))))
        case .head(let head):
            self.writeHeld()
            self.held = .headers(.init(headers: Self.responseHeaders(head)))
        case .body(let data):
            self.writeHeld()
            self.held = .data(.init(data: data))
        case .end(let trailers):
            self.ended = true
            if let trailers {
                self.writeHeld()
                self.writeFrame(.headers(.init(headers: Self.fields(trailers), endStream: true)))
            } else if case .headers(var headers) = self.held {
                headers.endStream = true
                self.held = nil
                self.writeFrame(.headers(headers))
            } else if case .data(var data) = self.held {
                data.endStream = true
                self.held = nil
                self.writeFrame(.data(data))
            } else {
                self.writeFrame(.data(.init(data: .byteBuffer(ByteBuffer()), endStream: true)))
            }
            if !self.requestEnded { self.stopRequestBody() }
        }
    }

    /// The response is complete while the client is still sending its request body, which nobody will
    /// read now: RST_STREAM with NO_ERROR asks the client to stop sending (RFC 9113 §8.1), as Go's server
    /// does. Without it the client would wait for window that is never given back. Sent once the
    /// request path's current call has returned, since the reset closes the stream, which tells the
    /// request path.
    private func stopRequestBody() {
        self.context.eventLoop.assumeIsolated().execute { [self] in
            guard !self.closed, !self.requestEnded else { return }
            self.writeFrame(.rstStream(.noError))
            self.context.flush()
        }
    }

    func flush() {
        guard !self.closed else { return }
        self.writeHeld()
        self.context.flush()
    }

    /// A stream's response ends the stream; there is no connection of its own to close after it.
    func writeLast(_ part: HTTPServerResponsePart, thenClose: Bool) {
        self.write(part)
        self.flush()
    }

    /// Resets the stream unless its response has ended.
    func close() {
        guard !self.closed else { return }
        if !self.ended {
            self.held = nil
            self.ended = true
            self.writeFrame(.rstStream(.cancel))
            self.context.flush()
        }
    }

    /// Paused, the stream's window is not reopened: the client stops sending body bytes once it is used up.
    func setReading(_ reading: Bool) {
        guard self.reading != reading else { return }
        self.reading = reading
        if reading, !self.closed { self.connection.resumed(self) }
    }

    /// The stream has closed (its response ended and its request too, or it was reset): hands back its
    /// request path, once, to be told.
    func markClosed() -> HTTPProxyHandler? {
        guard !self.closed else { return nil }
        self.closed = true
        self.held = nil
        let handler = self.handler
        self.handler = nil
        return handler
    }

    private func writeHeld() {
        guard let held = self.held else { return }
        self.held = nil
        self.writeFrame(held)
    }

    private func writeFrame(_ payload: HTTP2Frame.FramePayload) {
        self.context.write(NIOAny(HTTP2Frame(streamID: self.id, payload: payload)), promise: nil)
    }

    /// Connection-specific header fields (RFC 9113 §8.2.2), which HTTP/2 does not carry.
    private static func isConnectionSpecific(_ lowercasedName: String) -> Bool {
        switch lowercasedName {
        case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade": true
        default: false
        }
    }

    /// A response head as an HTTP/2 header block: `:status` first, field names in lower case.
    static func responseHeaders(_ head: HTTPResponseHead) -> HPACKHeaders {
        var block = HPACKHeaders()
        block.reserveCapacity(head.headers.count + 1)
        block.add(name: ":status", value: String(head.status.code))
        Self.appendFields(head.headers, to: &block)
        return block
    }

    /// Trailers as an HTTP/2 header block.
    static func fields(_ headers: HTTPHeaders) -> HPACKHeaders {
        var block = HPACKHeaders()
        block.reserveCapacity(headers.count)
        Self.appendFields(headers, to: &block)
        return block
    }

    /// The fields with lower-case names, less the connection-specific ones (the fields a `Connection`
    /// header names went with the server's hop-by-hop headers, `HopByHopHeaders`).
    private static func appendFields(_ headers: HTTPHeaders, to block: inout HPACKHeaders) {
        for (name, value) in headers {
            let lower = name.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) ? name.lowercased() : name
            if Self.isConnectionSpecific(lower) { continue }
            block.add(name: lower, value: value)
        }
    }
}
