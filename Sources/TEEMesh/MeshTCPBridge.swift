import NIOCore
import TEEProxy

/// Joins an accepted connection to a partner connection once `connect` gives one: bytes that
/// arrive meanwhile are held, then handed over, and from there each side relays to the other.
/// The partner is opened with auto-read off, so nothing it sends is lost before the relay is in place.
final class MeshTCPBridge: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let connect: (any EventLoop) -> EventLoopFuture<any Channel>
    private let onConnected: (() -> Void)?
    private var held: [ByteBuffer] = []
    private var closed = false

    init(connect: @escaping (any EventLoop) -> EventLoopFuture<any Channel>, onConnected: (() -> Void)? = nil) {
        self.connect = connect
        self.onConnected = onConnected
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        self.connect(context.eventLoop).hop(to: context.eventLoop).whenComplete { result in
            let (bridge, context) = loopBound.value
            switch result {
            case .failure:
                channel.close(promise: nil)
            case .success(let partner):
                guard !bridge.closed else {
                    partner.close(promise: nil)
                    return
                }
                partner.pipeline.addHandler(RelayHandler(partner: channel)).whenComplete { added in
                    guard case .success = added else {
                        partner.close(promise: nil)
                        channel.close(promise: nil)
                        return
                    }
                    for buffer in bridge.held { partner.write(buffer, promise: nil) }
                    partner.flush()
                    bridge.held = []
                    bridge.onConnected?()
                    do {
                        try context.pipeline.syncOperations.addHandler(RelayHandler(partner: partner), position: .after(bridge))
                    } catch {
                        partner.close(promise: nil)
                        channel.close(promise: nil)
                        return
                    }
                    context.pipeline.removeHandler(context: context, promise: nil)
                    partner.setOption(.autoRead, value: true).whenComplete { _ in }
                    channel.setOption(.autoRead, value: true).whenComplete { _ in }
                    partner.read()
                    channel.read()
                }
            }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.held.append(self.unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.closed = true
        context.fireChannelInactive()
    }
}
