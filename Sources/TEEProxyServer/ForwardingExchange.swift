import NIOCore
import NIOHTTP1
import Synchronization
import TEEProxy

/// One request being forwarded: what was decided for it and how far each direction has got.
final class ForwardingExchange {
    let request: ProxyRequest
    let router: CompiledRouter
    private(set) var selection: ServerSelection
    let start: ContinuousClock.Instant
    private var upstreamHead: HTTPRequestHead
    /// Tries so far (the `retry` middleware tries again), and whether the current one sent anything.
    var attempts = 1
    private var sentUpstream = false

    /// The leased connection, once connected.
    var upstream: UpstreamConnection?
    /// Request parts that arrived before the connection did.
    private var pending: [HTTPClientRequestPart] = []
    var requestEnded = false
    var responseHeadSent = false
    var responseEnded = false
    /// Whether the upstream connection may serve another request afterwards.
    var upstreamReusable = true
    /// The client went away; a connection that arrives late goes straight back to the pool.
    var abandoned = false
    var timedOut = false
    /// The upstream server could not be reached or failed mid-response.
    var upstreamFailed = false
    var headerTimer: Scheduled<Void>?
    var status: UInt = 0
    /// The client asked to switch protocols (`Connection: Upgrade`), so `Upgrade` is forwarded.
    var isUpgrade = false
    /// The server agreed (101): the connection is becoming a byte relay.
    var switching = false
    var requestBytes = 0
    /// `contentType`: the response head, held until the first body bytes tell its type.
    var heldHead: HTTPResponseHead?
    /// Rewrite the response body as it streams (compress).
    var transformers: [any ResponseBodyTransformer] = []
    /// The body kept for `mirroring` copies, and whether they were cancelled (body over `maxBodySize`).
    var mirrorBody: [ByteBuffer] = []
    var mirrorBodySize = 0
    var mirrorsCancelled = false
    var responseBytes = 0
    /// The response headers as the server sent them, and as they went to the client (access log).
    var originHeaders: HTTPHeaders?
    var downstreamHeaders: HTTPHeaders?
    /// `flushInterval`: how long response parts may wait to be flushed (nil: at once), the
    /// scheduled flush, and the bytes written since the last flush.
    var flushDelay: TimeAmount?
    /// `buffering`: the request body is being held, and the connection to the server not yet made.
    var holdingRequestBody = false
    /// `buffering`: the response, held until it ends or grows past `memResponseBodyBytes`.
    var heldResponse: HeldResponse?
    var flushTimer: Scheduled<Void>?
    var unflushedBytes = 0

    init(request: ProxyRequest, router: CompiledRouter, selection: ServerSelection, start: ContinuousClock.Instant,
         upstreamHead: HTTPRequestHead) {
        self.request = request
        self.router = router
        self.selection = selection
        self.start = start
        self.upstreamHead = upstreamHead
        if selection.countsInFlight { selection.server.inFlight.add(1, ordering: .relaxed) }
    }

    deinit {
        // The exchange lives exactly as long as its request is in progress on the server.
        if self.selection.countsInFlight { self.selection.server.inFlight.subtract(1, ordering: .relaxed) }
    }

    /// Starts the exchange on `connection`: the head, then anything that queued up meanwhile.
    func attach(_ connection: UpstreamConnection) {
        self.upstream = connection
        self.sentUpstream = true
        connection.channel.write(HTTPClientRequestPart.head(self.upstreamHead), promise: nil)
        for part in self.pending { connection.channel.write(part, promise: nil) }
        self.pending = []
        connection.channel.flush()
    }

    /// Whether the request can be sent again: nothing went out yet, or it is idempotent and had no body.
    var canReplay: Bool {
        guard self.sentUpstream else { return true }
        let method = self.request.head.method
        let idempotent = method == .GET || method == .HEAD || method == .OPTIONS || method == .TRACE || method == .PUT || method == .DELETE
        return idempotent && self.requestBytes == 0
    }

    /// Makes the exchange ready for another try on `selection`'s server.
    func prepareRetry(selection: ServerSelection, upstreamHead: HTTPRequestHead) {
        if self.sentUpstream { self.pending = self.requestEnded ? [.end(nil)] : [] }
        self.sentUpstream = false
        if self.selection.countsInFlight { self.selection.server.inFlight.subtract(1, ordering: .relaxed) }
        if selection.countsInFlight { selection.server.inFlight.add(1, ordering: .relaxed) }
        self.selection = selection
        self.upstreamHead = upstreamHead
        self.upstream = nil
        self.upstreamReusable = true
        self.timedOut = false
        self.upstreamFailed = false
        self.attempts += 1
    }

    /// The body parts held (`buffering`) while no connection is made.
    var heldBody: [ByteBuffer] {
        self.pending.compactMap { part in
            if case .body(.byteBuffer(let buffer)) = part { return buffer }
            return nil
        }
    }

    /// `buffering` held the whole request body: the server gets it with its length rather than chunked.
    func sendHeldBodyWithLength() {
        self.upstreamHead.headers.remove(name: "transfer-encoding")
        self.upstreamHead.headers.replaceOrAdd(name: "Content-Length", value: String(self.requestBytes))
    }

    /// Sends a body part or the end upstream, or queues it until the connection is ready.
    func send(_ part: HTTPClientRequestPart) {
        if let upstream = self.upstream {
            if case .end = part {
                upstream.channel.writeAndFlush(part, promise: nil)
            } else {
                upstream.channel.write(part, promise: nil)
            }
        } else {
            self.pending.append(part)
        }
    }
}
