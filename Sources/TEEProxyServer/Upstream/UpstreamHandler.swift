import NIOCore
import NIOHTTP1

/// The last handler of an upstream connection: hands response parts to the exchange that leased
/// the connection, and tells the pool when the connection dies.
final class UpstreamHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    /// The request the connection is serving; nil while it idles in the pool. A strong reference
    /// (weak ones cost a side-table lookup on every part): every path that ends an exchange clears it.
    var exchange: (any UpstreamExchange)?
    /// Called once when the connection closes.
    var onClose: (() -> Void)?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = self.unwrapInboundIn(data)
        guard let exchange = self.exchange else {
            // Nothing asked for this (a server talking out of turn): the connection cannot be trusted.
            context.close(promise: nil)
            return
        }
        exchange.upstreamReceived(part)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        self.exchange?.upstreamReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        self.exchange?.upstreamWritabilityChanged(isWritable: context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        let exchange = self.exchange
        self.exchange = nil
        exchange?.upstreamClosed(error: nil)
        self.onClose?()
        self.onClose = nil
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let exchange = self.exchange
        self.exchange = nil
        exchange?.upstreamClosed(error: error)
        context.close(promise: nil)
    }
}
