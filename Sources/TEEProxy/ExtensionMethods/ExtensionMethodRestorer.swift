public import NIOCore
public import NIOHTTP1

/// Sits after NIO's HTTP/1 request decoder and gives each head whose method the rewriter
/// replaced its original method back, so routing, middlewares and the upstream see it.
public final class ExtensionMethodRestorer: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPServerRequestPart
    public typealias InboundOut = HTTPServerRequestPart

    private let ledger: ExtensionMethodLedger

    init(ledger: ExtensionMethodLedger) {
        self.ledger = ledger
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = self.unwrapInboundIn(data), let method = self.ledger.methodForNextHead() else {
            context.fireChannelRead(data)
            return
        }
        head.method = HTTPMethod(rawValue: method)
        context.fireChannelRead(self.wrapInboundOut(.head(head)))
    }

    /// A head too large for the parser whose request line alone passed 64 KiB becomes ``RequestLineTooLong``.
    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let parserError = error as? HTTPParserError, parserError == .headerOverflow, self.ledger.requestLineTooLong {
            context.fireErrorCaught(RequestLineTooLong())
            return
        }
        context.fireErrorCaught(error)
    }
}
