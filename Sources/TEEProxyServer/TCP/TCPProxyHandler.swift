import NIOCore
import NIOPosix
import TEEModel
import TEEProxy
import TEESystemd

/// The client side of a TCP router's connection: connects to the server its service picks, sends
/// the PROXY header if asked, then relays bytes both ways (what arrived meanwhile goes first).
/// Either side closing closes the other.
final class TCPProxyHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let selection: NetworkServerSelection
    private let onClose: [@Sendable () -> Void]
    private var pending: [ByteBuffer] = []
    private var backend: (any Channel)?
    private var closed = false

    /// How long connecting to a TCP server may take.
    static let connectTimeout = TimeAmount.seconds(30)

    init(selection: NetworkServerSelection, onClose: [@Sendable () -> Void]) {
        self.selection = selection
        self.onClose = onClose
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let client = context.channel
        let header = self.selection.proxyProtocolVersion.flatMap {
            ProxyProtocolHeader.make(version: $0, source: client.remoteAddress, destination: client.localAddress)
        }
        ClientBootstrap(group: context.eventLoop)
            .connectTimeout(Self.connectTimeout)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { backend in
                backend.eventLoop.makeCompletedFuture { try backend.pipeline.syncOperations.addHandler(RelayHandler(partner: client)) }
            }
            .connect(host: self.selection.address.host, port: self.selection.address.port)
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success(let backend):
                    guard !self.closed else {
                        backend.close(promise: nil)
                        return
                    }
                    self.backend = backend
                    if let header { backend.write(header, promise: nil) }
                    for part in self.pending { backend.write(part, promise: nil) }
                    self.pending = []
                    backend.flush()
                case .failure:
                    client.close(promise: nil)
                }
            }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = self.unwrapInboundIn(data)
        if let backend = self.backend { backend.write(bytes, promise: nil) } else { self.pending.append(bytes) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        self.backend?.flush()
        context.fireChannelReadComplete()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        self.backend?.setOption(.autoRead, value: context.channel.isWritable).whenFailure { _ in }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.closed = true
        self.backend?.close(promise: nil)
        for release in self.onClose { release() }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
