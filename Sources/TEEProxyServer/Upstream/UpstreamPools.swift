import NIOCore

/// One ``UpstreamConnectionPool`` per event loop of the group, made up front so that finding a
/// loop's pool needs no lock.
final class UpstreamPools: Sendable {
    private let pools: [ObjectIdentifier: UpstreamConnectionPool]

    init(group: any EventLoopGroup) {
        var pools: [ObjectIdentifier: UpstreamConnectionPool] = [:]
        let tlsContexts = UpstreamTLSContexts()
        for loop in group.makeIterator() {
            pools[ObjectIdentifier(loop)] = UpstreamConnectionPool(eventLoop: loop, tlsContexts: tlsContexts)
        }
        self.pools = pools
    }

    /// The pool of `loop`; call on that loop.
    func pool(for loop: any EventLoop) -> UpstreamConnectionPool {
        loop.assertInEventLoop()
        return self.pools[ObjectIdentifier(loop)]!
    }
}
