import NIOCore
import NIOHTTP2

/// Last in an HTTP/2 connection's pipeline (a client's, or one to an upstream server): closes
/// the connection on the errors after which NIO's HTTP/2 handler has sent a GOAWAY (floods:
/// rapid resets, control frames, CONTINUATION or empty DATA frames, too many stream errors or
/// glitches, unsent frames piling up; and framing it cannot parse). NIO only reports them:
/// without this an offending client would keep its connection, and an upstream connection would
/// stay in the pool starting no stream. Errors of a single stream (which NIO answers with
/// RST_STREAM) and everything else leave the connection and its other streams alone.
final class HTTP2ConnectionErrorHandler: ChannelInboundHandler {
    typealias InboundIn = Any

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if Self.endsConnection(error) { context.close(promise: nil) }
        context.fireErrorCaught(error)
    }

    static func endsConnection(_ error: any Error) -> Bool {
        switch error {
        case is NIOHTTP2Errors.ExcessiveRSTFrames, is NIOHTTP2Errors.ExcessiveControlFrames,
             is NIOHTTP2Errors.ExcessiveContinuationFrames, is NIOHTTP2Errors.ExcessiveEmptyDataFrames,
             is NIOHTTP2Errors.ExcessiveStreamErrors, is NIOHTTP2Errors.ExcessiveNumberOfGlitches,
             is NIOHTTP2Errors.ExcessiveOutboundFrameBuffering, is NIOHTTP2Errors.ExcessivelyLargeHeaderBlock,
             is NIOHTTP2Errors.BadClientMagic, is NIOHTTP2Errors.MissingPreface, is NIOHTTP2Errors.UnableToParseFrame:
            return true
        default:
            return false
        }
    }
}
