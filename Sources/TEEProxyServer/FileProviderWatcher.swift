import Logging
import ServiceLifecycle
import TEEModel

/// `providers.file.watch`: reloads when a configuration file is added, removed or changed.
///
/// It compares a fingerprint (paths, sizes, modification times) every interval; a change that
/// does not parse is rejected by the reloader and the running configuration stays.
struct FileProviderWatcher: Service {
    let provider: FileProvider
    let reloader: ProxyReloader
    let logger: Logger
    /// The files' fingerprint taken before the first load, so that a change made before the
    /// watcher runs is not missed.
    let initial: String
    var interval: Duration = .milliseconds(500)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var last = self.initial
            while !Task.isCancelled {
                try await Task.sleep(for: self.interval)
                let current = self.provider.fingerprint()
                guard current != last else { continue }
                last = current
                self.logger.info("Configuration files changed; reloading")
                do {
                    _ = try await self.reloader.reload()
                } catch {
                    self.logger.error("Reload failed; still serving the previous configuration", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
