import NIOCore
import NIOEmbedded
import NIOHTTP1
@testable import TEEMesh
import Testing

/// The sequencer that keeps pipelined requests in order: one request is served at a time, the
/// next when the answer's end is written, and reading stops only when too many wait.
@Suite("pipelined requests in order")
struct MeshRequestSequencerTests {
    /// The requests that reach the handler after the sequencer, by URI.
    final class Served: ChannelInboundHandler {
        typealias InboundIn = NIOHTTPServerRequestFull
        var uris: [String] = []
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            self.uris.append(self.unwrapInboundIn(data).head.uri)
        }
    }

    /// Counts the reads that reach the socket.
    final class Reads: ChannelOutboundHandler {
        typealias OutboundIn = Any
        var count = 0
        func read(context: ChannelHandlerContext) {
            self.count += 1
            context.read()
        }
    }

    static func request(_ uri: String) -> NIOHTTPServerRequestFull {
        NIOHTTPServerRequestFull(head: HTTPRequestHead(version: .http1_1, method: .GET, uri: uri), body: nil)
    }

    @Test("one request at a time, the next after the answer's end")
    func inOrder() throws {
        let served = Served()
        let channel = EmbeddedChannel(handlers: [MeshRequestSequencer(), served])
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        for uri in ["/0", "/1", "/2"] { try channel.writeInbound(Self.request(uri)) }
        #expect(served.uris == ["/0"])
        try channel.writeOutbound(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: .ok)))
        channel.embeddedEventLoop.run()
        #expect(served.uris == ["/0"], "a head is not the end of the answer")
        try channel.writeOutbound(HTTPServerResponsePart.end(nil))
        channel.embeddedEventLoop.run()
        #expect(served.uris == ["/0", "/1"])
        try channel.writeOutbound(HTTPServerResponsePart.end(nil))
        channel.embeddedEventLoop.run()
        try channel.writeOutbound(HTTPServerResponsePart.end(nil))
        channel.embeddedEventLoop.run()
        #expect(served.uris == ["/0", "/1", "/2"])
        // Idle again: the next request is served at once.
        try channel.writeInbound(Self.request("/3"))
        #expect(served.uris == ["/0", "/1", "/2", "/3"])
        _ = try channel.finish()
    }

    @Test("reading stops only when too many requests wait, and goes on as they drain")
    func backpressure() throws {
        let reads = Reads()
        let served = Served()
        let channel = EmbeddedChannel(handlers: [reads, MeshRequestSequencer(), served])
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try channel.writeInbound(Self.request("/serving"))
        channel.read()
        #expect(reads.count == 1, "a request being served does not stop reading")
        for number in 0..<MeshRequestSequencer.maximumWaiting { try channel.writeInbound(Self.request("/\(number)")) }
        channel.read()
        #expect(reads.count == 1, "with the queue full, the read is held")
        try channel.writeOutbound(HTTPServerResponsePart.end(nil))
        #expect(reads.count == 2, "an answer makes room, and the held read goes on")
        channel.embeddedEventLoop.run()
        #expect(served.uris == ["/serving", "/0"])
        _ = try channel.finish(acceptAlreadyClosed: true)
    }
}
