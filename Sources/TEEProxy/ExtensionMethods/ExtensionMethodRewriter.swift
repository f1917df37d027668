public import NIOCore

/// Sits before NIO's HTTP/1 request decoder and replaces extension methods by `GET`
/// (see `RequestFramingScanner`), noting the originals in the connection's ledger.
public final class ExtensionMethodRewriter: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer

    private var scanner = RequestFramingScanner()
    private let ledger: ExtensionMethodLedger

    init(ledger: ExtensionMethodLedger) {
        self.ledger = ledger
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if self.scanner.isPassingThrough {
            context.fireChannelRead(data)
            return
        }
        let output = self.scanner.scan(self.unwrapInboundIn(data))
        self.ledger.record(output.rewrites)
        self.ledger.requestLineTooLong = self.scanner.requestLineTooLong
        if let bytes = output.bytes {
            context.fireChannelRead(self.wrapInboundOut(bytes))
        }
    }
}
