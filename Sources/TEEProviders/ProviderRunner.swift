import Foundation
public import Logging
import TEEModel

/// Runs a provider for as long as its task lives: each set of documents it publishes is checked
/// (a document that does not load keeps its previous version), and each state is passed on; when
/// the source fails the last good documents stay, the error is reported, and the provider is
/// started again after a pause that grows to ``maximumRetryDelay``.
public actor ProviderRunner {
    public nonisolated let provider: any ConfigurationProvider
    private let logger: Logger
    private let throttle: Duration
    private var state: ProviderState
    private var lastLoggedError: String?
    /// Whether the provider has published since it last failed (its next failure is retried quickly again).
    private var publishedSinceFailure = false
    /// The longest pause between retries of a failing provider.
    static let maximumRetryDelay: Duration = .seconds(5)

    /// `throttle` is `providersThrottleDuration`: states closer together are passed on together.
    public init(provider: any ConfigurationProvider, throttle: Duration = .zero, logger: Logger) {
        self.provider = provider
        self.throttle = throttle
        self.logger = logger
        self.state = ProviderState(provider: provider.name)
    }

    /// Runs until cancelled, calling `publish` with each new state, one at a time.
    public func run(_ publish: @escaping @Sendable (ProviderState) async -> Void) async {
        let (states, continuation) = AsyncStream.makeStream(of: ProviderState.self, bufferingPolicy: .bufferingNewest(1))
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await state in states {
                    await publish(state)
                    if self.throttle > .zero { try? await Task.sleep(for: self.throttle) }
                }
            }
            group.addTask { await self.keepWatching(continuation) }
            await group.next()
            continuation.finish()
            group.cancelAll()
        }
    }

    private func keepWatching(_ continuation: AsyncStream<ProviderState>.Continuation) async {
        var delay: Duration = .milliseconds(250)
        while !Task.isCancelled {
            do {
                try await self.provider.watch { update in
                    await self.accept(update, continuation)
                }
                // A provider that does not watch has published once: keep its documents.
                try await Task.sleep(for: .seconds(86_400 * 365))
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                if self.publishedSinceFailure { delay = .milliseconds(250) }
                self.publishedSinceFailure = false
                self.fail("\(error)", continuation)
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, Self.maximumRetryDelay)
                continue
            }
        }
    }

    private func accept(_ update: ProviderUpdate, _ continuation: AsyncStream<ProviderState>.Continuation) {
        self.publishedSinceFailure = true
        var problems = update.problems
        var documents: [ConfigurationDocument] = []
        for document in update.documents {
            do {
                _ = try document.parse()
                documents.append(document)
            } catch {
                problems.append("\(error)")
                if let previous = self.state.documents.first(where: { $0.name == document.name }) { documents.append(previous) }
            }
        }
        documents.sort { $0.name < $1.name }
        var next = self.state
        // `changed` is set by the first publication too: nil means the provider never published.
        if documents != next.documents || next.changed == nil { next.changed = .now }
        next.documents = documents
        next.error = problems.isEmpty ? nil : problems.joined(separator: "\n")
        self.report(next.error)
        guard next != self.state else { return }
        self.state = next
        continuation.yield(next)
    }

    private func fail(_ error: String, _ continuation: AsyncStream<ProviderState>.Continuation) {
        self.report(error)
        guard self.state.error != error else { return }
        self.state.error = error
        continuation.yield(self.state)
    }

    /// Logs each new error once, and the recovery.
    private func report(_ error: String?) {
        guard error != self.lastLoggedError else { return }
        if let error {
            self.logger.error("Provider \(self.provider.name): \(error); its last good configuration stays")
        } else {
            self.logger.info("Provider \(self.provider.name) is up to date again")
        }
        self.lastLoggedError = error
    }
}
