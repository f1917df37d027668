import NIOCore
import Synchronization

/// One connection pool per event loop, made on first use.
final class MeshConnectionPools: Sendable {
    private let pools = Mutex<[ObjectIdentifier: MeshConnectionPool]>([:])

    func pool(for eventLoop: any EventLoop) -> MeshConnectionPool {
        self.pools.withLock { pools in
            if let pool = pools[ObjectIdentifier(eventLoop)] { return pool }
            let pool = MeshConnectionPool(eventLoop: eventLoop)
            pools[ObjectIdentifier(eventLoop)] = pool
            return pool
        }
    }
}
