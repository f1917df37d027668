public import NIOCore
public import NIOHTTP1
public import TEEModel

extension ChannelPipeline.SynchronousOperations {
    /// NIO's HTTP/1 request decoder that also takes extension methods (`FOO /`, lower-case `get`)
    /// as Go's net/http does: a rewriter before the decoder and a restorer after it. Remove
    /// all three (restorer first) with `removeHTTP1RequestDecoder()`. `maxHeaderBytes` bounds
    /// the header fields' names and values, each and all together.
    public func addHTTP1RequestDecoder(leftOverBytesStrategy: RemoveAfterUpgradeStrategy = .dropBytes,
                                       maxHeaderBytes: Int = EntryPointConfiguration.defaultMaxHeaderBytes) throws {
        let ledger = ExtensionMethodLedger()
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldSize = maxHeaderBytes
        limits.maxHeaderListSize = maxHeaderBytes
        try self.addHandler(ExtensionMethodRewriter(ledger: ledger))
        try self.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: leftOverBytesStrategy,
                                                                    limitConfiguration: limits)))
        try self.addHandler(ExtensionMethodRestorer(ledger: ledger))
    }

    /// Removes what `addHTTP1RequestDecoder` added; the decoder hands any bytes after the last
    /// request on (with `.forwardBytes`) to the handler that follows.
    public func removeHTTP1RequestDecoder() throws {
        self.removeHandler(context: try self.context(handlerType: ExtensionMethodRestorer.self), promise: nil)
        self.removeHandler(context: try self.context(handlerType: ExtensionMethodRewriter.self), promise: nil)
        self.removeHandler(context: try self.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self), promise: nil)
    }
}
