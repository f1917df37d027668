import NIOCore

/// Copies bytes from its channel to a partner channel, for upgraded connections (WebSocket and
/// other `101 Switching Protocols`): each side reads into the other until either closes.
final class RelayHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let partner: any Channel

    init(partner: any Channel) {
        self.partner = partner
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.partner.write(self.unwrapInboundIn(data), promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        self.partner.flush()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        // While this side cannot take more, stop reading the other.
        self.partner.setOption(.autoRead, value: context.channel.isWritable).whenFailure { _ in }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.partner.close(promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
