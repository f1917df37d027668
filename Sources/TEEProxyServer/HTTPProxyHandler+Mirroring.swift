import NIOCore
import NIOHTTP1
import TEEProxy

/// `mirroring` services: the body is kept as it streams to the main server (up to `maxBodySize`),
/// and once the whole request has been read a copy goes to each chosen mirror.
extension HTTPProxyHandler {
    /// Keeps a body part for the mirrors; a body past `maxBodySize` cancels the copies.
    func keepForMirrors(_ buffer: ByteBuffer, exchange: ForwardingExchange) {
        guard let plan = exchange.selection.mirror, plan.withBody, !exchange.mirrorsCancelled else { return }
        exchange.mirrorBodySize += buffer.readableBytes
        if let limit = plan.maxBodySize, exchange.mirrorBodySize > limit {
            exchange.mirrorsCancelled = true
            exchange.mirrorBody = []
            return
        }
        exchange.mirrorBody.append(buffer)
    }

    /// Sends the copies of a request that has been read whole.
    func sendMirrors(_ exchange: ForwardingExchange) {
        guard let plan = exchange.selection.mirror, !exchange.mirrorsCancelled, !exchange.isUpgrade,
              let eventLoop = self.client?.eventLoop else { return }
        let pool = self.entryPoint.pools.pool(for: eventLoop)
        for target in plan.targets {
            var head = self.upstreamHead(for: exchange.request, selection: target, isUpgrade: false, traced: false)
            if !plan.withBody {
                head.headers.remove(name: "transfer-encoding")
                head.headers.replaceOrAdd(name: "Content-Length", value: "0")
            }
            MirrorExchange.send(head: head, body: plan.withBody ? exchange.mirrorBody : [], to: target.server, pool: pool)
        }
        exchange.mirrorBody = []
    }
}
