import NIOCore
import NIOHTTP1
import TEEProxy

/// `errors` middlewares: a response whose status one of them covers is dropped (with its
/// connection) and the page for that status is fetched from the middleware's service and sent
/// instead, with the original status. If the page cannot be fetched, a plain one is sent.
extension HTTPProxyHandler {
    /// Starts replacing the response if an `errors` middleware covers `status`; false when none does.
    func replaceWithErrorPage(_ exchange: ForwardingExchange, status: HTTPResponseStatus) -> Bool {
        guard let pages = exchange.request.errorPages.first(where: { $0.covers(status.code) }), let eventLoop = self.client?.eventLoop,
              let target = pages.service.select(for: exchange.request) else { return false }
        // The server's response is not wanted: its connection cannot be reused halfway through a body.
        exchange.upstreamReusable = false
        exchange.upstream?.handler.exchange = nil
        exchange.upstream?.channel.close(promise: nil)
        exchange.upstream = nil
        var headers = exchange.request.head.headers
        HopByHopHeaders.remove(from: &headers)
        headers.remove(name: "content-length")
        headers.remove(name: "transfer-encoding")
        let head = HTTPRequestHead(version: .http1_1, method: .GET,
                                   uri: pages.path(status: status.code, uri: exchange.request.head.uri), headers: headers)
        let page = Subrequest(url: target.server.url, head: head, transport: target.server.transport)
        self.entryPoint.subrequests.send(page, on: eventLoop).hop(to: eventLoop).assumeIsolated().whenComplete { result in
            guard case .forwarding(let current) = self.state, current === exchange, !exchange.abandoned else { return }
            var response = SyntheticResponse(status: status)
            if case .success(let fetched) = result {
                var pageHeaders = HTTPHeaders()
                if let type = fetched.head.headers.first(name: "content-type") { pageHeaders.add(name: "Content-Type", value: type) }
                response = SyntheticResponse(status: status, headers: pageHeaders, body: String(buffer: fetched.body))
            }
            self.answer(response, to: exchange.request, router: exchange.router, start: exchange.start, requestEnded: exchange.requestEnded)
        }
        return true
    }
}
