import ServiceLifecycle
import TEEACME
import TEEModel

/// Runs a certificate manager for the daemon's lifetime, told what the routers ask for after
/// each load; it stops on graceful shutdown, leaving any order in progress to be placed again on
/// the next start.
struct ACMEService: Service {
    let manager: ACMECertificateManager
    /// The demands of each loaded configuration, in order.
    let demands: AsyncStream<[ACMECertificateDemand]>

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.manager.run() }
                group.addTask {
                    for await demands in self.demands { await self.manager.setDemands(demands) }
                }
                await group.next()
                group.cancelAll()
            }
        }
    }
}
