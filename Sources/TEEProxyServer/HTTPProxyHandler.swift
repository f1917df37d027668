import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import TEEModel
import TEEProxy
import TEESystemd
import Tracing

/// The request path of an HTTP/1.1 connection (as the last handler of its pipeline) or of one
/// HTTP/2 stream (fed by ``HTTP2ServerConnectionHandler``): route, run middlewares, pick a
/// server, then stream the request to a pooled upstream connection and the response back to its
/// ``ClientStream``, both ways without buffering whole bodies. One request at a time: a
/// pipelined request waits in a queue until the response before it has ended (done here rather
/// than by NIO's pipelining helper, which re-arms reading after every request and so costs two
/// `epoll_ctl` calls each).
final class HTTPProxyHandler: ChannelInboundHandler, RemovableChannelHandler, UpstreamExchange {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    enum State {
        /// Waiting for a request head.
        case idle
        /// Answered by the proxy itself; the rest of the request body is dropped.
        case discardingBody
        /// Forwarding to an upstream server.
        case forwarding(ForwardingExchange)
        /// A middleware is waiting (forwardAuth); the request's body waits with it.
        case suspended(SuspendedRequest)
    }

    /// Where a CA fetches HTTP-01 key authorizations.
    static let acmeChallengePrefix = "/.well-known/acme-challenge/"

    let entryPoint: EntryPointContext
    private let isTLS: Bool
    /// An HTTP/1.1 connection (closed after `idleTimeout` without a request), not an HTTP/2 stream.
    let closesWhenIdle: Bool
    var state = State.idle
    /// The HTTP/1.1 connection's handler context; nil on an HTTP/2 stream (and once removed).
    private(set) var context: ChannelHandlerContext?
    /// Where responses go: the HTTP/1.1 connection, or the HTTP/2 stream.
    private(set) var client: (any ClientStream)?
    /// The client connection, shared by all streams of an HTTP/2 connection; read when the handler is added otherwise.
    private var connection: ClientConnection?
    /// Parts of pipelined requests that arrived while a response was still going out.
    private var queued: [HTTPServerRequestPart] = []
    /// The response in progress has not ended yet.
    private var responding = false
    /// Graceful shutdown asked this connection to close once its response has ended.
    var closeWhenIdle = false
    /// Reading is paused while pipelined requests wait.
    private var readingPaused = false
    /// The current request asked to switch protocols: NIO's decoder stops parsing after it, so
    /// unless the server agrees, the connection closes after the response.
    var upgradeRequested = false
    /// `readTimeout` and `writeTimeout` of the request in progress (see HTTPProxyHandler+Timeouts.swift).
    var deadlines = RequestDeadlines()
    /// Checks `deadlines`: the connection's, shared by the streams of an HTTP/2 connection.
    let deadlineTimer: DeadlineTimer
    /// This event loop's queue of ended spans, once a request has been traced.
    private var spanEnds: SpanEndQueue?

    /// - Parameters:
    ///   - connection: the client connection when it is known up front (an HTTP/2 stream's).
    ///   - deadlineTimer: the connection's timer for an HTTP/2 stream; a connection of its own otherwise.
    init(entryPoint: EntryPointContext, isTLS: Bool, closesWhenIdle: Bool = false, connection: ClientConnection? = nil,
         deadlineTimer: DeadlineTimer) {
        self.entryPoint = entryPoint
        self.isTLS = isTLS
        self.closesWhenIdle = closesWhenIdle
        self.connection = connection
        self.deadlineTimer = deadlineTimer
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if self.connection == nil {
            self.connection = ClientConnection(channel: context.channel, isTLS: self.isTLS, observesTLS: self.entryPoint.observesTLS,
                                               forwardedHeaders: self.entryPoint.forwardedHeaders)
        }
        self.start(client: HTTP1ClientStream(context: context))
    }

    /// Starts serving `client`: an HTTP/1.1 connection once the handler is in its pipeline, or an HTTP/2 stream.
    func start(client: any ClientStream) {
        self.client = client
        self.armFirstRequestDeadline()
        self.armIdleDeadline()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        self.client = nil
    }

    // MARK: Client side

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.receive(self.unwrapInboundIn(data))
    }

    /// A part of a request from the client.
    func receive(_ part: HTTPServerRequestPart) {
        if self.responding || !self.queued.isEmpty, case .head = part {
            // A pipelined request: hold it, and stop reading until the queue drains.
            self.queued.append(part)
            if !self.readingPaused {
                self.readingPaused = true
                self.client?.setReading(false)
            }
            return
        }
        if !self.queued.isEmpty {
            self.queued.append(part)
            return
        }
        self.process(part)
    }

    private func process(_ part: HTTPServerRequestPart) {
        switch part {
        case .head(let head):
            self.responding = true
            self.armDeadlines()
            self.begin(head)
        case .body(let buffer):
            if case .suspended(let waiting) = self.state { waiting.parts.append(part) }
            if case .forwarding(let exchange) = self.state {
                exchange.requestBytes += buffer.readableBytes
                if let limit = exchange.request.buffering?.maxRequestBodyBytes, limit > 0, exchange.requestBytes > limit {
                    return self.refuseOversizedBody(exchange)
                }
                exchange.send(.body(.byteBuffer(buffer)))
                if exchange.selection.mirror != nil { self.keepForMirrors(buffer, exchange: exchange) }
                if exchange.holdingRequestBody, exchange.requestBytes > exchange.request.buffering?.memRequestBodyBytes ?? 0 {
                    // A body whose digest is checked is never sent unchecked.
                    if exchange.request.bodyDigest != nil { return self.refuseOversizedBody(exchange) }
                    // More than may be held: connect, and stream the rest.
                    exchange.holdingRequestBody = false
                    self.connectUpstream(exchange)
                }
            }
        case .end(let trailers):
            self.requestRead()
            switch self.state {
            case .forwarding(let exchange):
                exchange.requestEnded = true
                if exchange.holdingRequestBody, let digest = exchange.request.bodyDigest, !digest.matches(exchange.heldBody) {
                    return self.refuseBody(exchange, SyntheticResponse(status: .unauthorized, body: "401 Unauthorized: the body does not match its Digest\n"))
                }
                exchange.send(.end(trailers))
                if exchange.holdingRequestBody {
                    exchange.holdingRequestBody = false
                    exchange.sendHeldBodyWithLength()
                    self.connectUpstream(exchange)
                }
                if exchange.selection.mirror != nil { self.sendMirrors(exchange) }
                if exchange.responseEnded { self.finishExchange(exchange) }
            case .suspended(let waiting):
                waiting.parts.append(part)
                waiting.ended = true
            case .discardingBody:
                self.state = .idle
            case .idle:
                break
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        self.readComplete()
        context.fireChannelReadComplete()
    }

    /// What the client sent in one read has been received.
    func readComplete() {
        // Body parts are written without flushing; the end of the request is flushed when it is sent.
        if case .forwarding(let exchange) = self.state, !exchange.requestEnded { exchange.upstream?.channel.flush() }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        self.clientWritabilityChanged(isWritable: context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }

    /// A slow client slows the server down: the upstream is not read until the client catches up.
    func clientWritabilityChanged(isWritable: Bool) {
        if case .forwarding(let exchange) = self.state {
            exchange.upstream?.channel.setOption(.autoRead, value: isWritable).whenFailure { _ in }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent { return self.quiesce() }
        context.fireUserInboundEventTriggered(event)
    }

    /// Graceful shutdown: finish the response in progress, then close.
    private func quiesce() {
        if self.responding { self.closeWhenIdle = true } else { self.client?.close() }
    }

    /// The response has ended: unless the connection is closing, go on with queued requests.
    func responseEnded(keepAlive: Bool) {
        self.responding = false
        self.responseWritten()
        guard self.client != nil else { return }
        guard keepAlive else {
            self.queued = []
            return
        }
        // Body parts go to the request in progress; a head waits until its response has ended.
        while let next = self.queued.first {
            if case .head = next, self.responding { return }
            self.queued.removeFirst()
            self.process(next)
        }
        if self.readingPaused {
            self.readingPaused = false
            self.client?.setReading(true)
        }
        if !self.responding { self.armIdleDeadline() }
    }

    /// A request that does not parse: 414 for an oversized request line, 431 for oversized headers,
    /// 400 for the rest (including request smuggling shapes such as both `Content-Length` and
    /// `Transfer-Encoding`); then the connection closes.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let status: HTTPResponseStatus
        switch error {
        case is RequestLineTooLong: status = .uriTooLong
        case let parserError as HTTPParserError: status = parserError == .headerOverflow ? .requestHeaderFieldsTooLarge : .badRequest
        default:
            // TLS failures, resets: nothing to answer, the connection is done.
            context.close(promise: nil)
            return
        }
        if self.responding, case .forwarding(let exchange) = self.state, !exchange.responseHeadSent, !self.upgradeRequested {
            // The head parsed but what follows it did not (the parser refuses a request whose
            // Transfer-Encoding does not end in chunked only after delivering its head): the
            // upstream exchange is dropped, its connection closed, and the client still gets the error.
            self.abandon(exchange, status: status.code)
        }
        guard !self.responding && !self.upgradeRequested else {
            context.close(promise: nil)
            return
        }
        let body = "\(status.code) \(status.reasonPhrase)"
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        headers.add(name: "Connection", value: "close")
        self.responding = true
        self.queued = []
        guard let client = self.client else { return context.close(promise: nil) }
        client.write(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
        client.write(.body(.byteBuffer(client.allocator.buffer(string: body))))
        client.writeLast(.end(nil), thenClose: true)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.clientClosed()
        self.deadlineTimer.stop()  // the connection's own timer (HTTP/1.1)
        context.fireChannelInactive()
    }

    /// The client's connection (or stream) has closed: an exchange in progress is dropped.
    func clientClosed() {
        self.cancelDeadlines()
        if case .forwarding(let exchange) = self.state, !exchange.responseEnded {
            self.abandon(exchange, status: 499)
        }
        self.state = .idle
    }

    /// Gives up on `exchange` before its response has ended: its upstream connection is closed
    /// (never reused halfway through a message) and the request completes with `status`.
    private func abandon(_ exchange: ForwardingExchange, status: UInt) {
        exchange.abandoned = true
        exchange.headerTimer?.cancel()
        exchange.request.complete(RequestOutcome(status: status, duration: ContinuousClock.now - exchange.start,
                                                 upstreamFailed: exchange.upstreamFailed))
        exchange.request.trace?.finish(status: status)
        exchange.upstream?.handler.exchange = nil
        exchange.upstream?.channel.close(promise: nil)
        exchange.upstream = nil
        self.state = .idle
        self.responding = false
    }

    private func begin(_ head: HTTPRequestHead) {
        let start = ContinuousClock.now
        self.upgradeRequested = Self.isUpgradeRequest(head)
        var head = head
        ForwardedHeaders.sanitize(&head.headers, trusted: self.connection?.trusted ?? false)
        var request = ProxyRequest(head: head, entryPoint: self.entryPoint.name, clientAddress: self.connection?.address, isTLS: self.isTLS)
        if self.isTLS { request.clientCertificate = self.connection?.certificate }
        if self.entryPoint.tracesInternals, self.entryPoint.tracesByDefault { self.startTrace(&request, detailed: nil) }
        if request.malformation != nil {
            return self.answer(SyntheticResponse(status: .badRequest), to: request, router: nil, start: start)
        }
        if self.entryPoint.servesPing, request.path == "/ping", head.method == .GET || head.method == .HEAD {
            return self.answer(SyntheticResponse(status: .ok, body: "OK"), to: request, router: nil, start: start, isInternal: true)
        }
        if let metrics = self.entryPoint.servedMetrics, request.path == "/metrics", head.method == .GET || head.method == .HEAD {
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "text/plain; version=0.0.4; charset=utf-8")
            return self.answer(SyntheticResponse(status: .ok, headers: headers, body: metrics.exposition()), to: request, router: nil, start: start,
                               isInternal: true)
        }
        if self.entryPoint.servesAPIDirectly, let response = self.entryPoint.api?.respond(to: head, path: request.path) {
            return self.answer(response, to: request, router: nil, start: start, isInternal: true)
        }
        if head.method == .GET, request.path.hasPrefix(Self.acmeChallengePrefix),
           let keyAuthorization = self.entryPoint.runtime.current.configuration.acmeChallenges
               .httpTokens[String(request.path.dropFirst(Self.acmeChallengePrefix.count))] {
            // HTTP-01 (RFC 8555 §8.3): answered before redirections and routers, as Traefik's challenge router is.
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "text/plain")
            return self.answer(SyntheticResponse(status: .ok, headers: headers, body: keyAuthorization), to: request, router: nil, start: start,
                               isInternal: true)
        }
        if let redirection = self.entryPoint.redirection, case .respond(let response) = redirection.handle(&request) {
            return self.answer(response, to: request, router: nil, start: start)
        }
        guard let router = self.entryPoint.runtime.current.route(request) else {
            if request.trace == nil, self.entryPoint.tracesByDefault { self.startTrace(&request, detailed: nil) }
            return self.answer(.notFound, to: request, router: nil, start: start)
        }
        if request.trace == nil, router.observability?.tracing ?? self.entryPoint.tracesByDefault {
            self.startTrace(&request, detailed: router.observability?.detailedTracing)
        }
        request.trace?.routed(router: router.name, rule: router.ruleText, service: router.serviceName)
        switch router.middleware.handle(&request) {
        case .proceed:
            self.forward(request, router: router, start: start)
        case .respond(let response):
            self.answer(response, to: request, router: router, start: start)
        case .suspend(let suspension):
            self.suspend(request, suspension, router: router, start: start)
        }
    }

    /// Starts the request's trace (with `tracing`, when sampled); `detailed` is the router's
    /// `traceVerbosity`, nil for the entry point's.
    private func startTrace(_ request: inout ProxyRequest, detailed: Bool?) {
        guard let settings = self.entryPoint.tracing, let eventLoop = self.client?.eventLoop,
              settings.sampler.shouldTrace(&request.head.headers) else { return }
        if self.spanEnds == nil { self.spanEnds = self.entryPoint.spanEnds.queue(for: eventLoop) }
        request.trace = RequestTrace(settings: settings, detailed: detailed ?? settings.detailed, head: request.head, path: request.path,
                                     query: request.query, entryPoint: self.entryPoint.name, clientAddress: self.connection?.addressText,
                                     isTLS: self.isTLS, ends: self.spanEnds!)
    }

    /// Waits for a middleware's suspension, then goes on as it decided; body parts that arrive meanwhile wait too.
    private func suspend(_ request: ProxyRequest, _ suspension: MiddlewareSuspension, router: CompiledRouter,
                         start: ContinuousClock.Instant) {
        guard let eventLoop = self.client?.eventLoop else { return }
        let waiting = SuspendedRequest()
        self.state = .suspended(waiting)
        let middlewareContext = MiddlewareContext(eventLoop: eventLoop, client: self.entryPoint.subrequests)
        suspension.resume(request, middlewareContext).hop(to: eventLoop).assumeIsolated().whenComplete { result in
            guard case .suspended(let current) = self.state, current === waiting, self.client != nil else {
                // The client went away meanwhile.
                if case .success(let (request, _)) = result {
                    request.complete(RequestOutcome(status: 499, duration: ContinuousClock.now - start, upstreamFailed: false))
                    request.trace?.finish(status: 499)
                }
                return
            }
            switch result {
            case .success((let request, .proceed)):
                self.forward(request, router: router, start: start)
                for part in waiting.parts { self.process(part) }
            case .success((let request, .respond(let response))):
                self.answer(response, to: request, router: router, start: start, requestEnded: waiting.ended)
            case .success((let request, .suspend)):
                self.answer(SyntheticResponse(status: .internalServerError), to: request, router: router, start: start,
                            requestEnded: waiting.ended)
            case .failure:
                self.answer(SyntheticResponse(status: .internalServerError), to: request, router: router, start: start,
                            requestEnded: waiting.ended)
            }
        }
    }

    /// Forwards a request its middlewares let through to a server of the router's service.
    /// (`consuming`: the request moves into its exchange rather than being copied there.)
    private func forward(_ request: consuming ProxyRequest, router: CompiledRouter, start: ContinuousClock.Instant) {
        if router.service is InternalService {
            let response = self.entryPoint.api?.respond(to: request.head, path: request.path)
            return self.answer(response ?? .notFound, to: request, router: router, start: start, isInternal: true)
        }
        request.trace?.open("Service") { $0["traefik.service.name"] = router.serviceName }
        guard let selection = router.service.select(for: request) else {
            return self.answer(.serviceUnavailable, to: request, router: router, start: start)
        }
        let isUpgrade = Self.isUpgradeRequest(request.head)
        let holdsBody = request.buffering != nil && !isUpgrade && request.head.announcesBody
        let upstreamHead = self.upstreamHead(for: request, selection: selection, isUpgrade: isUpgrade)
        let exchange = ForwardingExchange(request: request, router: router, selection: selection, start: start, upstreamHead: upstreamHead)
        exchange.isUpgrade = isUpgrade
        self.state = .forwarding(exchange)
        if holdsBody {
            exchange.holdingRequestBody = true  // connects once the body is held
            return
        }
        self.connectUpstream(exchange)
    }

    /// Sends the exchange to its server on a pooled connection, or a new one.
    func connectUpstream(_ exchange: ForwardingExchange) {
        guard let eventLoop = self.client?.eventLoop else { return }
        let pool = self.entryPoint.pools.pool(for: eventLoop)
        if let idle = pool.leaseIdle(exchange.selection.server) {
            idle.handler.exchange = self
            exchange.attach(idle)
            self.armResponseHeaderTimeout(exchange)
            return
        }
        // The connection is made on this event loop, so the callback runs here too.
        pool.connect(exchange.selection.server).assumeIsolated().whenComplete { result in
            switch result {
            case .success(let connection):
                guard !exchange.abandoned else {
                    pool.release(connection)
                    return
                }
                connection.handler.exchange = self
                exchange.attach(connection)
                self.armResponseHeaderTimeout(exchange)
            case .failure(let error):
                guard !exchange.abandoned else { return }
                self.upstreamFailed(exchange, error: error)
            }
        }
    }

    /// The head sent upstream: hop-by-hop headers removed, `X-Forwarded-*` added, Host and path for
    /// the server, and (unless `traced` is false: a mirror's copy) a new client span's `traceparent`.
    func upstreamHead(for request: ProxyRequest, selection: ServerSelection, isUpgrade: Bool, traced: Bool = true) -> HTTPRequestHead {
        var head = request.head
        let originalHost = head.headers.first(name: "host")
        head.headers.reserveCapacity(head.headers.count + 8)
        if head.version != .http1_1 { head.version = .http1_1 }
        let keepChunked = head.headers[canonicalForm: "transfer-encoding"].contains { $0.lowercased() == "chunked" }
        let isWebSocket = isUpgrade && head.headers[canonicalForm: "upgrade"].contains { $0.lowercased() == "websocket" }
        // `TE: trailers` says the client takes trailers (gRPC needs it); Go's proxy keeps it too.
        let acceptsTrailers = head.headers[canonicalForm: "te"].contains { $0.lowercased() == "trailers" }
        HopByHopHeaders.remove(from: &head.headers, keepUpgrade: isUpgrade)
        if acceptsTrailers { head.headers.add(name: "TE", value: "trailers") }
        if isUpgrade {
            head.headers.replaceOrAdd(name: "Connection", value: "Upgrade")
        }
        if !keepChunked { head.headers.remove(name: "transfer-encoding") }
        self.entryPoint.forwardedHeaders.apply(to: &head.headers, trusted: self.connection?.trusted ?? false, clientText: self.connection?.addressText,
                                               originalHost: originalHost, isTLS: self.isTLS, localPort: self.connection?.localPortText,
                                               isWebSocket: isWebSocket, omitting: request.removedForwardedHeaders)
        let url = selection.server.url
        if !selection.passHostHeader || originalHost == nil {
            head.headers.replaceOrAdd(name: "Host", value: url.hostHeader)
        }
        if !url.path.isEmpty { head.uri = url.path + head.uri }
        if traced { request.trace?.sendingUpstream(&head, scheme: url.scheme, host: url.host, port: url.port) }
        return head
    }

    private func armResponseHeaderTimeout(_ exchange: ForwardingExchange) {
        let timeout = exchange.selection.server.transport.responseHeaderTimeout
        guard timeout > .zero, let eventLoop = self.client?.eventLoop else { return }
        exchange.headerTimer = eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(timeout.nanoseconds)) { [weak exchange] in
            guard let exchange, !exchange.responseHeadSent else { return }
            exchange.timedOut = true
            exchange.upstream?.channel.close(promise: nil)
        }
    }

    // MARK: Answers from the proxy itself

    /// - Parameter isInternal: the proxy's own resource answered (ping, metrics, the API, an ACME
    ///   challenge): left out of access logs and metrics unless their `addInternals` says.
    func answer(_ response: SyntheticResponse, to request: ProxyRequest, router: CompiledRouter?,
                        start: ContinuousClock.Instant, requestEnded: Bool = false, upstreamFailed: Bool = false, retries: Int = 0,
                        isInternal: Bool = false) {
        guard let client = self.client else { return }
        var headers = response.headers
        if !headers.contains(name: "content-type") { headers.add(name: "Content-Type", value: "text/plain; charset=utf-8") }
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.utf8.count))
        let keepAlive = request.head.keepsConnectionOpen && !self.closeWhenIdle && !self.upgradeRequested
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: request.head.version, status: response.status, headers: headers)
        client.write(.head(head))
        if request.head.method != .HEAD {
            client.write(.body(.byteBuffer(client.allocator.buffer(string: response.body))))
        }
        client.writeLast(.end(nil), thenClose: !keepAlive)
        self.state = requestEnded ? .idle : .discardingBody
        self.report(request, router: router, server: nil, status: response.status.code, requestBytes: 0,
                    bytes: response.body.utf8.count, start: start, upstreamFailed: upstreamFailed, retries: retries,
                    downstreamHeaders: headers, isInternal: isInternal)
        self.responseEnded(keepAlive: keepAlive)
    }

    func report(_ request: ProxyRequest, router: CompiledRouter?, server: String?, status: UInt, requestBytes: Int, bytes: Int,
                start: ContinuousClock.Instant, upstreamFailed: Bool = false, retries: Int = 0,
                originHeaders: HTTPHeaders? = nil, downstreamHeaders: HTTPHeaders? = nil, isInternal: Bool = false) {
        request.trace?.finish(status: status)
        if !request.completions.isEmpty {
            request.complete(RequestOutcome(status: status, duration: ContinuousClock.now - start, upstreamFailed: upstreamFailed))
        }
        guard let finished = self.entryPoint.observer.finished else { return }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        finished(CompletedRequest(
            entryPoint: self.entryPoint.name, request: request.head, clientAddress: self.connection?.addressText,
            clientUsername: request.clientUsername, routerName: router?.name, serviceName: router?.serviceName, serverURL: server, isTLS: self.isTLS, isInternal: isInternal,
            accessLogged: router?.observability?.accessLogs ?? self.entryPoint.accessLogsByDefault,
            entryPointMeasured: self.entryPoint.metricsByDefault,
            routerMeasured: router?.observability?.metrics ?? self.entryPoint.metricsByDefault, tls: self.connection?.tls,
            originHeaders: originHeaders, downstreamHeaders: downstreamHeaders, status: status,
            requestBytes: requestBytes, responseBytes: bytes, retries: retries, start: start, wallClockStart: Date(timeIntervalSinceNow: -seconds), duration: elapsed
        ))
    }
}
