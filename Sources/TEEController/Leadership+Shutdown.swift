import Logging
import ServiceLifecycle

extension Leadership {
    /// ``whileLeader(_:)`` until the daemon shuts down; work that fails while still leading is
    /// logged as `what` interrupted (and retried by `whileLeader`).
    func leadUntilShutdown(_ what: String, logger: Logger, _ work: @escaping @Sendable (LeaderFence) async throws -> Void) async {
        await cancelWhenGracefulShutdown {
            await self.whileLeader { fence in
                do {
                    try await work(fence)
                } catch {
                    if !Task.isCancelled { logger.warning("\(what) interrupted", metadata: ["error": "\(error)"]) }
                    throw error
                }
            }
        }
    }
}
