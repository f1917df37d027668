import ServiceLifecycle
import TEEStore

/// Keeps the connection to the local etcd member for the daemon's lifetime (first to start,
/// last to stop).
struct EtcdConnection: Service {
    let etcd: EtcdClient

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await self.etcd.run()
        } onGracefulShutdown: {
            self.etcd.close()
        }
    }
}
