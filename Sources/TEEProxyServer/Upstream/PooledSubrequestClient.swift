import NIOCore
import TEEProxy

/// Sends subrequests (forwardAuth's) over the proxy's own upstream connection pools.
struct PooledSubrequestClient: SubrequestClient {
    let pools: UpstreamPools

    /// Subrequests are short: one that has not been answered in this time fails.
    static let timeout = Duration.seconds(30)

    func send(_ request: Subrequest, on eventLoop: any EventLoop) -> EventLoopFuture<SubrequestResponse> {
        let server = UpstreamServer(url: request.url, weight: 1, transport: request.transport)
        let pools = self.pools
        return eventLoop.flatSubmit {
            SubrequestExchange.send(request, to: server, pool: pools.pool(for: eventLoop), loop: eventLoop, timeout: request.timeout ?? Self.timeout)
        }
    }
}
