import NIOCore
import NIOHTTP1
import TEEProxy

/// Protocol upgrades (WebSocket and other `101 Switching Protocols`): once the server agrees,
/// the client and server connections become a byte relay.
extension HTTPProxyHandler {
    /// `Connection: Upgrade` with an `Upgrade` header (WebSocket and friends).
    static func isUpgradeRequest(_ head: HTTPRequestHead) -> Bool {
        guard head.headers.contains(name: "upgrade") else { return false }
        return head.headers[canonicalForm: "connection"].contains { $0.caseInsensitiveEquals("upgrade") }
    }

    /// Turns both connections into a byte relay once the server has agreed to switch protocols.
    /// In-flight upgraded connections keep running across reloads and drain like any other.
    func switchToRelay(_ exchange: ForwardingExchange) {
        guard let context = self.context, let upstream = exchange.upstream else { return }
        let downstream = context.channel
        exchange.upstream = nil
        exchange.headerTimer?.cancel()
        self.cancelDeadlines()  // a WebSocket lives as long as its peers want
        self.report(exchange.request, router: exchange.router, server: exchange.selection.server.urlText,
                    status: exchange.status, requestBytes: 0, bytes: 0, start: exchange.start)
        self.state = .idle
        do {
            let up = upstream.channel.pipeline.syncOperations
            upstream.handler.exchange = nil
            try up.addHandler(RelayHandler(partner: downstream))
            up.removeHandler(upstream.handler).whenFailure { _ in }
            try up.removeHandler(context: up.context(handlerType: HTTPRequestEncoder.self)).whenFailure { _ in }
            try up.removeHandler(context: up.context(handlerType: ByteToMessageHandler<HTTPResponseDecoder>.self)).whenFailure { _ in }
            let down = context.pipeline.syncOperations
            try down.addHandler(RelayHandler(partner: upstream.channel))
            try down.removeHandler(context: down.context(handlerType: HTTPResponseEncoder.self)).whenFailure { _ in }
            try down.removeHTTP1RequestDecoder()
            down.removeHandler(context: context).whenFailure { _ in }
        } catch {
            upstream.channel.close(promise: nil)
            downstream.close(promise: nil)
        }
    }
}
