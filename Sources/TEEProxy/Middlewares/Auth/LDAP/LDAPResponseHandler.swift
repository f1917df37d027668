import NIOCore

/// Hands each answer to the operation waiting for it; an answer that ends the operation (a bind
/// response, a search's done) completes it. A closed connection fails what waits.
final class LDAPResponseHandler: ChannelInboundHandler {
    typealias InboundIn = [UInt8]

    private var pending: (id: Int, promise: EventLoopPromise<[LDAPMessage.Response]>)?
    private var collected: [LDAPMessage.Response] = []

    func expect(_ id: Int, _ promise: EventLoopPromise<[LDAPMessage.Response]>) {
        self.pending = (id, promise)
        self.collected = []
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Self.unwrapInboundIn(data)
        guard let (element, _) = BER.Element.read(bytes[...]), let response = LDAPMessage.Response(element) else {
            self.fail(LDAPConnection.Failure.malformedAnswer, context: context)
            return
        }
        guard let pending = self.pending, response.messageID == pending.id else {
            // An unsolicited notice (message ID 0) ends the connection.
            if response.messageID == 0 { self.fail(LDAPConnection.Failure.closed, context: context) }
            return
        }
        self.collected.append(response)
        if response.operation == LDAPMessage.Response.bind || response.operation == LDAPMessage.Response.searchDone {
            self.pending = nil
            pending.promise.succeed(self.collected)
            self.collected = []
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.fail(LDAPConnection.Failure.closed, context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.fail(error, context: context)
    }

    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        if let pending = self.pending {
            self.pending = nil
            pending.promise.fail(error)
        }
        context.close(promise: nil)
    }
}
