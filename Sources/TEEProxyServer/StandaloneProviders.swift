import Logging
import ServiceLifecycle
import TEEModel
import TEEProviders

/// A standalone proxy's providers beside its files (Docker, key-value stores, HTTP): each new
/// state of a provider is merged with the files and put in service.
struct StandaloneProviders: Service {
    let settings: ProvidersConfiguration
    let reloader: ProxyReloader
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await ProviderCatalog.run(ProviderCatalog.providers(for: self.settings), throttle: self.settings.throttleDuration,
                                      logger: self.logger) { state in
                do {
                    _ = try await self.reloader.applyProvider(state)
                } catch {
                    self.logger.error("Provider \(state.provider): configuration rejected, previous one kept", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
