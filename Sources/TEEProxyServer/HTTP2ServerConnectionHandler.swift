import NIOCore
import NIOHPACK
import NIOHTTP1
import NIOHTTP2

/// Serves the streams of a client's HTTP/2 connection without a channel per stream: NIO's HTTP/2
/// handler before it delivers frames, each request stream gets an ``HTTPProxyHandler`` fed with
/// HTTP/1-style parts, and its response goes back as frames through an ``HTTP2ServerStream``.
/// Flow control is kept here, as Go's server (and so Traefik) keeps it: windows of 1 MiB for the
/// connection and for each stream, reopened as the request path takes body bytes. A stream whose
/// server is not taking its body keeps its own window shut and holds on to its share of the
/// connection's, so what clients may send ahead of the servers stays within the connection
/// window. A stream whose client window is used up stops reading its server.
final class HTTP2ServerConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTP2Frame
    typealias OutboundOut = HTTP2Frame

    private let entryPoint: EntryPointContext
    private let isTLS: Bool
    private let connection: ClientConnection
    private let deadlineTimer: DeadlineTimer
    private let idle: HTTP2IdleTimeoutHandler?
    private var context: ChannelHandlerContext?
    private var streams: [HTTP2StreamID: HTTP2ServerStream] = [:]
    /// Streams that received body bytes in the read in progress.
    private var readStreams: [HTTP2ServerStream] = []
    /// The connection's send window (for all streams' DATA together).
    private var connectionOutboundWindow = 65535
    /// The receive window of each stream (advertised in the SETTINGS, ``streamWindow``) and of the
    /// connection (raised to it from HTTP/2's initial 65,535 with the first frame received); each is
    /// reopened once half of it has been taken.
    static let streamWindow = 1 << 20
    private let targetWindow = HTTP2ServerConnectionHandler.streamWindow
    /// Body bytes taken since the connection's window was last reopened.
    private var connectionBytesTaken = 0
    private var connectionWindowRaised = false
    /// Graceful shutdown: GOAWAY sent, the connection closes once its streams are done.
    private var quiescing = false
    private var lastStreamID = HTTP2StreamID.rootStream

    init(entryPoint: EntryPointContext, isTLS: Bool, connection: ClientConnection, deadlineTimer: DeadlineTimer,
         idle: HTTP2IdleTimeoutHandler?) {
        self.entryPoint = entryPoint
        self.isTLS = isTLS
        self.connection = connection
        self.deadlineTimer = deadlineTimer
        self.idle = idle
    }

    /// Whether the socket takes more bytes and the connection's send window is open.
    var isWritable: Bool { (self.context?.channel.isWritable ?? false) && self.connectionOutboundWindow > 0 }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.closeAllStreams()
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = self.unwrapInboundIn(data)
        if !self.connectionWindowRaised {
            self.connectionWindowRaised = true
            let raise = HTTP2Frame(streamID: .rootStream, payload: .windowUpdate(windowSizeIncrement: self.targetWindow - 65535))
            context.writeAndFlush(self.wrapOutboundOut(raise), promise: nil)
        }
        switch frame.payload {
        case .headers(let headers):
            if let stream = self.streams[frame.streamID] {
                // Trailers end the request body.
                guard !stream.requestEnded else { return }
                stream.requestEnded = true
                let trailers = headers.headers.filter { $0.name.utf8.first != UInt8(ascii: ":") }.map { ($0.name, $0.value) }
                stream.handler?.receive(.end(HTTPHeaders(trailers)))
            } else {
                self.open(frame.streamID, headers: headers, context: context)
            }
        case .data(let payload):
            let flowControlled = payload.data.readableBytes + (payload.paddingBytes.map { $0 + 1 } ?? 0)
            guard let stream = self.streams[frame.streamID], !stream.requestEnded, case .byteBuffer(let buffer) = payload.data else {
                return self.taken(flowControlled)  // dropped: nobody waits for it
            }
            if stream.reading { self.taken(flowControlled) } else { stream.connectionBytesHeld += flowControlled }
            if buffer.readableBytes > 0 {
                stream.handler?.receive(.body(buffer))
                if !payload.endStream, !self.readStreams.contains(where: { $0 === stream }) { self.readStreams.append(stream) }
            }
            if payload.endStream {
                stream.requestEnded = true
                stream.handler?.receive(.end(nil))
            }
        default:
            break
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        for stream in self.readStreams { stream.handler?.readComplete() }
        self.readStreams.removeAll(keepingCapacity: true)
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // The most frequent first: every DATA frame sent or received changes windows.
        switch event {
        case let window as NIOHTTP2WindowUpdatedEvent:
            self.windowUpdated(window, context: context)
        case let created as NIOHTTP2StreamCreatedEvent:
            // The stream's send window, as the client's settings made it.
            if let stream = self.streams[created.streamID], let window = created.localInitialWindowSize {
                stream.outboundWindow = Int(window)
                self.updateWritability(of: stream)
            }
        case let closed as StreamClosedEvent:
            self.streamClosed(closed.streamID)
        case let settings as NIOHTTP2BulkStreamWindowChangeEvent:
            // The client changed its initial stream window: every open stream's window moves by the difference.
            for stream in self.streams.values { stream.outboundWindow += settings.delta }
            self.updateWritability()
        case is ChannelShouldQuiesceEvent:
            self.quiesce(context: context)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        self.updateWritability()
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.closeAllStreams()
        context.fireChannelInactive()
    }

    /// A new request stream: its head goes to a new request path.
    private func open(_ id: HTTP2StreamID, headers: HTTP2Frame.FramePayload.Headers, context: ChannelHandlerContext) {
        guard let head = Self.requestHead(headers.headers, endStream: headers.endStream) else {
            context.writeAndFlush(self.wrapOutboundOut(HTTP2Frame(streamID: id, payload: .rstStream(.protocolError))), promise: nil)
            return
        }
        let handler = HTTPProxyHandler(entryPoint: self.entryPoint, isTLS: self.isTLS, connection: self.connection,
                                       deadlineTimer: self.deadlineTimer)
        let stream = HTTP2ServerStream(id: id, connection: self, context: context, handler: handler,
                                       inboundWindow: self.targetWindow, outboundWindow: self.targetWindow)
        self.streams[id] = stream
        if id > self.lastStreamID { self.lastStreamID = id }
        self.idle?.streamOpened()
        handler.start(client: stream)
        if self.quiescing { handler.closeWhenIdle = true }
        handler.receive(.head(head))
        if headers.endStream, !stream.closed {
            stream.requestEnded = true
            handler.receive(.end(nil))
        }
    }

    private func streamClosed(_ id: HTTP2StreamID) {
        guard let stream = self.streams.removeValue(forKey: id) else { return }
        self.taken(stream.connectionBytesHeld)
        stream.connectionBytesHeld = 0
        self.idle?.streamClosed()
        stream.markClosed()?.clientClosed()
        if self.quiescing, self.streams.isEmpty { self.context?.close(promise: nil) }
    }

    private func closeAllStreams() {
        let streams = self.streams.values
        self.streams = [:]
        for stream in streams {
            self.idle?.streamClosed()
            stream.markClosed()?.clientClosed()
        }
        self.deadlineTimer.stop()
    }

    private func windowUpdated(_ event: NIOHTTP2WindowUpdatedEvent, context: ChannelHandlerContext) {
        if event.streamID == .rootStream {
            // The connection's receive window is reopened by what the streams take (`taken`).
            if let outbound = event.outboundWindowSize {
                // Every DATA frame moves the connection's window; the streams are looked at only when it opens or shuts.
                let wasOpen = self.connectionOutboundWindow > 0
                self.connectionOutboundWindow = outbound
                if wasOpen != (outbound > 0) { self.updateWritability() }
            }
            return
        }
        guard let stream = self.streams[event.streamID] else { return }
        if let inbound = event.inboundWindowSize {
            stream.inboundWindow = inbound
            if stream.reading { self.reopenWindow(of: stream) }
        }
        if let outbound = event.outboundWindowSize {
            stream.outboundWindow = outbound
            self.updateWritability(of: stream)
        }
    }

    /// `count` body bytes were taken by the request path (or dropped): the connection's window
    /// is reopened by them once half of it has been taken.
    private func taken(_ count: Int) {
        self.connectionBytesTaken += count
        guard self.connectionBytesTaken >= self.targetWindow / 2, let context = self.context else { return }
        let increment = self.connectionBytesTaken
        self.connectionBytesTaken = 0
        context.writeAndFlush(self.wrapOutboundOut(HTTP2Frame(streamID: .rootStream, payload: .windowUpdate(windowSizeIncrement: increment))),
                              promise: nil)
    }

    /// The request path takes a paused stream's body again: the connection's bytes it held are
    /// given back, and the stream's window is reopened once half of it has been used.
    func resumed(_ stream: HTTP2ServerStream) {
        self.taken(stream.connectionBytesHeld)
        stream.connectionBytesHeld = 0
        self.reopenWindow(of: stream)
    }

    /// Gives a stream's client back the window it used, once it has used half and the request path takes more.
    private func reopenWindow(of stream: HTTP2ServerStream) {
        guard let context = self.context, !stream.requestEnded, !stream.closed, stream.inboundWindow <= self.targetWindow / 2 else { return }
        let increment = self.targetWindow - stream.inboundWindow
        stream.inboundWindow = self.targetWindow
        context.writeAndFlush(self.wrapOutboundOut(HTTP2Frame(streamID: stream.id, payload: .windowUpdate(windowSizeIncrement: increment))),
                              promise: nil)
    }

    private func updateWritability() {
        for stream in self.streams.values { self.updateWritability(of: stream) }
    }

    private func updateWritability(of stream: HTTP2ServerStream) {
        let writable = stream.isWritable
        guard writable != stream.reportedWritable else { return }
        stream.reportedWritable = writable
        stream.handler?.clientWritabilityChanged(isWritable: writable)
    }

    /// Graceful shutdown: no new streams (GOAWAY), the open ones finish, then the connection closes.
    private func quiesce(context: ChannelHandlerContext) {
        guard !self.quiescing else { return }
        self.quiescing = true
        let goAway = HTTP2Frame(streamID: .rootStream, payload: .goAway(lastStreamID: self.lastStreamID, errorCode: .noError, opaqueData: nil))
        context.writeAndFlush(self.wrapOutboundOut(goAway), promise: nil)
        guard !self.streams.isEmpty else { return context.close(promise: nil) }
        for stream in self.streams.values { stream.handler?.closeWhenIdle = true }
    }

    /// A request's header block as an HTTP/1-style head (NIO's HTTP/2 handler has already checked the
    /// block: pseudo-header fields present once each and first, no connection-specific fields, no
    /// CR, LF or NUL in values). `:authority` becomes `Host` unless the block has one; a body of
    /// unknown length is framed as chunked for the HTTP/1.1 server, an absent one as length 0.
    static func requestHead(_ block: HPACKHeaders, endStream: Bool) -> HTTPRequestHead? {
        var method: String?
        var path: String?
        var authority: String?
        var hasHost = false
        var hasLength = false
        for (name, value, _) in block {
            if name.utf8.first == UInt8(ascii: ":") {
                switch name {
                case ":method": method = value
                case ":path": path = value
                case ":authority": authority = value
                default: break
                }
            } else if name == "host" {
                hasHost = true
            } else if name == "content-length" {
                hasLength = true
            }
        }
        guard let method else { return nil }
        let httpMethod = HTTPMethod(rawValue: method)
        guard let uri = path ?? (httpMethod == .CONNECT ? authority : nil) else { return nil }
        var headers = HTTPHeaders()
        headers.reserveCapacity(block.count)
        if !hasHost, let authority { headers.add(name: "host", value: authority) }
        switch httpMethod {
        case .GET, .HEAD, .DELETE, .CONNECT, .TRACE:
            break
        default:
            if !hasLength { headers.add(name: endStream ? "content-length" : "transfer-encoding", value: endStream ? "0" : "chunked") }
        }
        for (name, value, _) in block where name.utf8.first != UInt8(ascii: ":") { headers.add(name: name, value: value) }
        return HTTPRequestHead(version: HTTPVersion(major: 2, minor: 0), method: httpMethod, uri: uri, headers: headers)
    }
}
