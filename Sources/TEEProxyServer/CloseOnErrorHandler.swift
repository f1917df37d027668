import NIOCore

/// Last in an HTTP/2 connection's pipeline: an error the HTTP/2 handler raises (a protocol
/// violation, or a flood it has answered with GOAWAY: rapid resets, CONTINUATION or control
/// frames) closes the connection. NIO's handler only reports them; without this the offending
/// peer would keep its connection.
final class CloseOnErrorHandler: ChannelInboundHandler {
    typealias InboundIn = Any

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
