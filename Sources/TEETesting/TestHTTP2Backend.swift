import NIOCore
import NIOHPACK
import NIOHTTP2
import NIOPosix
import Synchronization

/// An h2c server (HTTP/2 by prior knowledge) on 127.0.0.1 that answers every request at once
/// with 200 and `ok` when its head arrives, then closes the stream, which resets it (RST_STREAM)
/// when the rest of the request has not arrived: as nginx does when it answers before reading a
/// body (RFC 9113, 8.1).
public final class TestHTTP2Backend: Sendable {
    public let port: Int
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    private let counter = AnsweredCounter()

    public init() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let box = self.counter
        self.channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // Like nginx, it shrugs off what a client still sends on the streams it reset,
                    // DATA or RST_STREAM (NIO would count each and end the connection at 200).
                    var connection = NIOHTTP2Handler.ConnectionConfiguration()
                    connection.maximumConnectionGlitches = .max
                    var streams = NIOHTTP2Handler.StreamConfiguration()
                    streams.streamErrorRateLimit.maximumCount = .max
                    streams.streamResetFrameRateLimit.maximumCount = .max
                    _ = try channel.pipeline.syncOperations.configureHTTP2Pipeline(
                        mode: .server, connectionConfiguration: connection, streamConfiguration: streams
                    ) { stream in
                        stream.eventLoop.makeCompletedFuture {
                            try stream.pipeline.syncOperations.addHandler(AnswerThenReset(counter: box))
                        }
                    }

                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        self.group = group
        self.port = self.channel.localAddress?.port ?? 0
    }

    public var url: String { "h2c://127.0.0.1:\(self.port)" }

    /// Requests answered so far.
    public var answeredCount: Int { self.counter.answered.load(ordering: .relaxed) }

    public func stop() async {
        try? await self.channel.close()
        try? await self.group.shutdownGracefully()
    }
}

/// The answers of a ``TestHTTP2Backend``, counted on its event loop and read by the test.
final class AnsweredCounter: Sendable {
    let answered = Atomic<Int>(0)
}

/// One stream of ``TestHTTP2Backend``.
final class AnswerThenReset: ChannelInboundHandler {
    typealias InboundIn = HTTP2Frame.FramePayload
    typealias OutboundOut = HTTP2Frame.FramePayload

    private let counter: AnsweredCounter

    init(counter: AnsweredCounter) {
        self.counter = counter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .headers = self.unwrapInboundIn(data) else { return }
        let headers: HPACKHeaders = [":status": "200", "content-length": "2", "content-type": "text/plain"]
        context.write(self.wrapOutboundOut(.headers(.init(headers: headers))), promise: nil)
        self.counter.answered.add(1, ordering: .relaxed)
        // Closing a stream whose request has not ended sends RST_STREAM, after the answer.
        let body = HTTP2Frame.FramePayload.data(.init(data: .byteBuffer(ByteBuffer(string: "ok")), endStream: true))
        context.writeAndFlush(self.wrapOutboundOut(body)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
