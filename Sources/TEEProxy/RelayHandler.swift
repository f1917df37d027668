public import NIOCore

/// Copies bytes from its channel to a partner channel, for upgraded connections (WebSocket and
/// other `101 Switching Protocols`): each side reads into the other until either closes.
public final class RelayHandler: ChannelInboundHandler {
    public typealias InboundIn = ByteBuffer

    private let partner: any Channel

    public init(partner: any Channel) {
        self.partner = partner
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.partner.write(self.unwrapInboundIn(data), promise: nil)
    }

    public func channelReadComplete(context: ChannelHandlerContext) {
        self.partner.flush()
    }

    public func channelWritabilityChanged(context: ChannelHandlerContext) {
        // While this side cannot take more, stop reading the other.
        self.partner.setOption(.autoRead, value: context.channel.isWritable).whenFailure { _ in }
        context.fireChannelWritabilityChanged()
    }

    public func channelInactive(context: ChannelHandlerContext) {
        self.partner.close(promise: nil)
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
