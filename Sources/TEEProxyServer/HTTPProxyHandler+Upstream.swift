import NIOCore
import NIOHTTP1
import TEEModel
import TEEProxy
import TEESystemd

/// The upstream side of the request path: the server's response parts go to the client (with
/// the response middlewares, transforms and error pages applied), and failures become 502/504,
/// a retry, or a cut connection.
extension HTTPProxyHandler {
    func upstreamReceived(_ part: HTTPClientResponsePart) {
        guard case .forwarding(let exchange) = self.state, let client = self.client else { return }
        switch part {
        case .head(var head):
            if head.status.code < 200 && head.status != .switchingProtocols {
                head.version = exchange.request.head.version
                client.write(.head(head))  // 100 Continue and friends
                return
            }
            exchange.headerTimer?.cancel()
            exchange.upstreamReusable = head.isKeepAlive
            exchange.status = head.status.code
            if !exchange.request.errorPages.isEmpty, self.replaceWithErrorPage(exchange, status: head.status) {
                return
            }
            if head.status == .switchingProtocols && exchange.isUpgrade {
                HopByHopHeaders.remove(from: &head.headers, keepUpgrade: true)
                exchange.switching = true
                exchange.responseHeadSent = true
                client.write(.head(head))
                client.flush()
                // Switch once the decoders have finished delivering this response.
                client.eventLoop.assumeIsolated().execute { self.switchToRelay(exchange) }
                return
            }
            // An HTTP/1 client gets its own version back; an HTTP/2 stream has no use for one (and the copy would cost an allocation).
            if exchange.request.head.version.major < 2, head.version != exchange.request.head.version { head.version = exchange.request.head.version }
            // Kept only for whoever observes requests (access logs): a second reference would make the
            // changes below copy the headers.
            let observed = self.entryPoint.observer.finished != nil
            if observed { exchange.originHeaders = head.headers }
            HopByHopHeaders.remove(from: &head.headers)
            // (Guarded: the call copies the request, which no empty chain needs.)
            if !exchange.router.middleware.middlewares.isEmpty { exchange.router.middleware.handleResponse(&head, for: exchange.request) }
            for transform in exchange.request.responseTransforms {
                if let transformer = transform.make(&head, exchange.request) { exchange.transformers.append(transformer) }
            }
            for cookie in exchange.selection.setCookies { head.headers.add(name: "Set-Cookie", value: cookie) }
            for (name, value) in exchange.request.responseHeaders { head.headers.add(name: name, value: value) }
            if !exchange.request.head.keepsConnectionOpen || self.upgradeRequested { head.headers.replaceOrAdd(name: "Connection", value: "close") }
            exchange.request.trace?.upstreamResponded(head)
            if observed { exchange.downstreamHeaders = head.headers }
            if let buffering = exchange.request.buffering {
                if buffering.maxResponseBodyBytes > 0,
                   let length = head.headers.first(name: "content-length").flatMap(Int.init), length > buffering.maxResponseBodyBytes {
                    return self.refuseOversizedResponse(exchange)
                }
                exchange.heldResponse = HeldResponse(head: head)
                return
            }
            if exchange.request.detectsContentType, Self.needsContentType(head, method: exchange.request.head.method) {
                exchange.heldHead = head  // sent with the first body part, once its type is known
                return
            }
            if let interval = ResponseFlushPolicy.interval(for: head, configured: exchange.selection.server.flushInterval) {
                exchange.flushDelay = .nanoseconds(interval.nanoseconds)
            }
            exchange.responseHeadSent = true
            client.write(.head(head))
        case .body where exchange.switching, .end where exchange.switching:
            return
        case .body(var buffer):
            if exchange.heldHead != nil { self.sendHeldHead(exchange, detectingFrom: buffer, client: client) }
            for transformer in exchange.transformers { buffer = transformer.transform(buffer, allocator: client.allocator) }
            guard buffer.readableBytes > 0 else { return }
            if let limit = exchange.request.buffering?.maxResponseBodyBytes, limit > 0, exchange.responseBytes + buffer.readableBytes > limit {
                guard exchange.heldResponse != nil else {
                    // Part of the response is out: all that is left is to cut it off.
                    exchange.upstreamReusable = false
                    client.close()
                    return
                }
                return self.refuseOversizedResponse(exchange)
            }
            exchange.responseBytes += buffer.readableBytes
            if exchange.heldResponse != nil {
                exchange.heldResponse!.append(buffer)
                if exchange.heldResponse!.size > exchange.request.buffering?.memResponseBodyBytes ?? 0 {
                    self.sendHeldResponse(exchange, withLength: false, client: client)  // the rest streams
                }
                return
            }
            exchange.unflushedBytes += buffer.readableBytes
            client.write(.body(.byteBuffer(buffer)))
        case .end(let trailers):
            exchange.flushTimer?.cancel()
            if exchange.heldHead != nil { self.sendHeldHead(exchange, detectingFrom: ByteBuffer(), client: client) }
            if !exchange.transformers.isEmpty { self.finishTransformers(exchange, client: client) }
            if exchange.heldResponse != nil { self.sendHeldResponse(exchange, withLength: true, client: client) }
            exchange.responseEnded = true
            let keepAlive = exchange.request.head.keepsConnectionOpen && !self.closeWhenIdle && !self.upgradeRequested
            client.writeLast(.end(trailers), thenClose: !keepAlive)
            if exchange.requestEnded {
                self.finishExchange(exchange)
            } else {
                // The server answered before the whole request arrived: drop the rest, and the connection.
                exchange.upstreamReusable = false
                self.finishExchange(exchange)
                self.state = .discardingBody
            }
            self.responseEnded(keepAlive: keepAlive)
        }
    }

    /// `contentType`: whether a response head lacks a `Content-Type` that its body could give it.
    private static func needsContentType(_ head: HTTPResponseHead, method: HTTPMethod) -> Bool {
        method != .HEAD && head.status != .noContent && head.status != .notModified && !head.headers.contains(name: "content-type")
    }

    /// Sends a head held back for `contentType`, with the type detected from the first body bytes.
    private func sendHeldHead(_ exchange: ForwardingExchange, detectingFrom body: ByteBuffer, client: any ClientStream) {
        guard var head = exchange.heldHead else { return }
        exchange.heldHead = nil
        head.headers.add(name: "Content-Type", value: ContentSniffer.mediaType(of: body.readableBytesView))
        exchange.responseHeadSent = true
        client.write(.head(head))
    }

    /// Sends a response `buffering` held: with its length when it is complete.
    private func sendHeldResponse(_ exchange: ForwardingExchange, withLength: Bool, client: any ClientStream) {
        guard let held = exchange.heldResponse else { return }
        exchange.heldResponse = nil
        var head = held.head
        if withLength && exchange.request.head.method != .HEAD && head.status != .noContent && head.status != .notModified {
            head.headers.remove(name: "transfer-encoding")
            head.headers.replaceOrAdd(name: "Content-Length", value: String(held.size))
        }
        if exchange.request.detectsContentType, Self.needsContentType(head, method: exchange.request.head.method) {
            head.headers.add(name: "Content-Type", value: ContentSniffer.mediaType(of: (held.parts.first ?? ByteBuffer()).readableBytesView))
        }
        exchange.responseHeadSent = true
        client.write(.head(head))
        for part in held.parts { client.write(.body(.byteBuffer(part))) }
    }

    /// `buffering.maxResponseBodyBytes` passed before anything was sent: the client gets a 500.
    private func refuseOversizedResponse(_ exchange: ForwardingExchange) {
        exchange.heldResponse = nil
        exchange.upstream?.handler.exchange = nil
        exchange.upstream?.channel.close(promise: nil)
        exchange.upstream = nil
        exchange.headerTimer?.cancel()
        if !exchange.requestEnded { self.closeWhenIdle = true }  // the rest of the body is not read
        self.answer(.internalServerError, to: exchange.request, router: exchange.router, start: exchange.start,
                    requestEnded: exchange.requestEnded)
    }

    /// Writes what the body's transformers still hold, each one's output going through the ones after it.
    private func finishTransformers(_ exchange: ForwardingExchange, client: any ClientStream) {
        let allocator = client.allocator
        for (index, transformer) in exchange.transformers.enumerated() {
            var rest = transformer.finish(allocator: allocator)
            for later in exchange.transformers.dropFirst(index + 1) { rest = later.transform(rest, allocator: allocator) }
            guard rest.readableBytes > 0 else { continue }
            exchange.responseBytes += rest.readableBytes
            client.write(.body(.byteBuffer(rest)))
        }
        exchange.transformers = []
    }

    func upstreamReadComplete() {
        // The response's end is flushed when written; only a response still streaming needs this.
        guard case .forwarding(let exchange) = self.state, !exchange.responseEnded, let client = self.client else { return }
        guard let delay = exchange.flushDelay, exchange.unflushedBytes < ResponseFlushPolicy.flushThreshold else {
            exchange.flushTimer?.cancel()
            exchange.flushTimer = nil
            exchange.unflushedBytes = 0
            client.flush()
            return
        }
        guard exchange.flushTimer == nil else { return }
        exchange.flushTimer = client.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            exchange.flushTimer = nil
            exchange.unflushedBytes = 0
            guard !exchange.responseEnded else { return }
            self.client?.flush()
        }
    }

    func upstreamWritabilityChanged(isWritable: Bool) {
        self.client?.setReading(isWritable)
    }

    func upstreamClosed(error: (any Error)?) {
        guard case .forwarding(let exchange) = self.state, !exchange.responseEnded else { return }
        exchange.upstreamReusable = false
        self.upstreamFailed(exchange, error: exchange.timedOut ? UpstreamError.responseHeaderTimeout : (error ?? UpstreamError.closedBeforeResponse))
    }

    func upstreamFailed(_ exchange: ForwardingExchange, error: any Error) {
        exchange.upstreamFailed = true
        exchange.selection.server.recordFailure()
        exchange.headerTimer?.cancel()
        exchange.upstream?.handler.exchange = nil
        exchange.upstream?.channel.close(promise: nil)
        exchange.upstream = nil
        guard !exchange.responseHeadSent else {
            // Part of the response is out: all we can do is cut the connection.
            self.client?.close()
            return
        }
        if self.retry(exchange) { return }
        let response: SyntheticResponse = Self.isTimeout(error) || exchange.timedOut ? .gatewayTimeout : .badGateway
        self.answer(response, to: exchange.request, router: exchange.router, start: exchange.start,
                    requestEnded: exchange.requestEnded, upstreamFailed: true, retries: exchange.attempts - 1)
    }

    /// `buffering.maxRequestBodyBytes` passed mid-body: drop the upstream exchange and answer 413
    /// (or, when the response has already started, cut the connection).
    func refuseOversizedBody(_ exchange: ForwardingExchange) {
        self.refuseBody(exchange, SyntheticResponse(status: .payloadTooLarge, body: "Request Entity Too Large"))
    }

    /// Drops the upstream exchange over its request body and answers `response` (or, when the
    /// response has already started, cuts the connection).
    func refuseBody(_ exchange: ForwardingExchange, _ response: SyntheticResponse) {
        exchange.upstream?.handler.exchange = nil
        exchange.upstream?.channel.close(promise: nil)
        exchange.upstream = nil
        exchange.headerTimer?.cancel()
        guard !exchange.responseHeadSent else {
            self.client?.close()
            return
        }
        self.closeWhenIdle = true  // the rest of the body is not read
        self.answer(response, to: exchange.request, router: exchange.router, start: exchange.start)
    }

    /// Tries the request again when its `retry` policy allows and it can be replayed; false otherwise.
    private func retry(_ exchange: ForwardingExchange) -> Bool {
        guard let policy = exchange.request.retryPolicy, exchange.attempts < policy.attempts, !exchange.isUpgrade,
              exchange.canReplay, let eventLoop = self.client?.eventLoop,
              let selection = exchange.router.service.select(for: exchange.request) else { return false }
        exchange.prepareRetry(selection: selection, upstreamHead: self.upstreamHead(for: exchange.request, selection: selection, isUpgrade: false))
        let delay = policy.delay(beforeAttempt: exchange.attempts)
        guard delay > .zero else {
            self.connectUpstream(exchange)
            return true
        }
        eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(delay.nanoseconds)) {
            guard !exchange.abandoned, self.client != nil else { return }
            self.connectUpstream(exchange)
        }
        return true
    }

    private static func isTimeout(_ error: any Error) -> Bool {
        if case ChannelError.connectTimeout = error { return true }
        if case UpstreamError.responseHeaderTimeout = error { return true }
        return false
    }

    /// Both directions are complete: return the connection to the pool and report the request.
    func finishExchange(_ exchange: ForwardingExchange) {
        if let upstream = exchange.upstream, let eventLoop = self.client?.eventLoop {
            if exchange.upstreamReusable {
                self.entryPoint.pools.pool(for: eventLoop).release(upstream)
            } else {
                upstream.handler.exchange = nil
                upstream.channel.close(promise: nil)
            }
        }
        exchange.upstream = nil
        self.state = .idle
        self.report(exchange.request, router: exchange.router, server: exchange.selection.server.urlText,
                    status: exchange.status, requestBytes: exchange.requestBytes, bytes: exchange.responseBytes, start: exchange.start,
                    retries: exchange.attempts - 1, originHeaders: exchange.originHeaders, downstreamHeaders: exchange.downstreamHeaders)
    }
}
