import NIOCore
import NIOHTTP1

/// Answers `GET /metrics`; anything else is 404.
final class MeshMetricsHandler: ChannelInboundHandler {
    typealias InboundIn = NIOHTTPServerRequestFull
    typealias OutboundOut = HTTPServerResponsePart

    private let metrics: MeshMetrics

    init(metrics: MeshMetrics) {
        self.metrics = metrics
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let request = self.unwrapInboundIn(data)
        let found = request.head.method == .GET && request.head.uri.split(separator: "?").first == "/metrics"
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: found ? "text/plain; version=0.0.4" : "text/plain")
        let response = MeshResponse(head: HTTPResponseHead(version: .http1_1, status: found ? .ok : .notFound, headers: headers),
                                    body: ByteBuffer(string: found ? self.metrics.exposition() : "not found; try /metrics\n"))
        response.write(to: context, keepAlive: request.head.isKeepAlive, requestMethod: request.head.method)
    }
}
