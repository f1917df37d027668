import ServiceLifecycle
import TEEACME

/// Runs a certificate manager for the daemon's lifetime; it stops on graceful shutdown, leaving
/// any order in progress to be placed again on the next start.
struct ACMEService: Service {
    let manager: ACMECertificateManager

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.manager.run()
        }
    }
}
