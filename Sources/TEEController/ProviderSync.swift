import Foundation
import Logging
import ServiceLifecycle
import TEEModel
import TEEProviders
import TEEStore

/// The leader's providers (Docker, key-value stores, HTTP): each provider's documents are kept
/// in etcd as sources (`/tee/config/sources/<provider>/…`, compiled like the files'), and its
/// state (error, last change) under `/tee/status/providers/<provider>`; every write is fenced by
/// the leader key. A new leader starts the providers again: the documents stay in etcd
/// meanwhile and are rewritten only when they differ, so proxies see no gap.
struct ProviderSync: Service {
    let etcd: EtcdClient
    let leadership: Leadership
    let settings: ProvidersConfiguration
    let events: EventLog
    let logger: Logger

    /// Every provider tee knows: documents of those not configured are removed.
    static let providerNames = ["docker", "redis", "etcd", "zookeeper", "http"]

    func run() async throws {
        await self.leadership.leadUntilShutdown("Providers", logger: self.logger) { fence in try await self.lead(fence) }
    }

    private func lead(_ fence: LeaderFence) async throws {
        let providers = ProviderCatalog.providers(for: self.settings)
        let configured = Set(providers.map(\.name))
        for name in Self.providerNames where !configured.contains(name) {
            try await self.store(ProviderState(provider: name), fence: fence, remove: true)
        }
        // Returning would have `whileLeader` run this again at once: without providers, wait for the role's end.
        guard !providers.isEmpty else { return try await Task.sleep(for: .seconds(86_400 * 365)) }
        await ProviderCatalog.run(providers, throttle: self.settings.throttleDuration, logger: self.logger) { state in
            // Written until it is: a state is only published once. Losing the role cancels this task.
            while !Task.isCancelled {
                do {
                    try await self.store(state, fence: fence, remove: false)
                    return
                } catch {
                    self.logger.warning("Provider \(state.provider): cannot write its configuration yet", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .milliseconds(500))
                }
            }
        }
    }

    /// Writes the provider's documents (replacing its previous ones) and its state; with
    /// `remove`, removes both.
    private func store(_ state: ProviderState, fence: LeaderFence, remove: Bool) async throws {
        let prefix = ClusterKeys.source(provider: state.provider, name: "")
        let stored = try await self.etcd.list(prefix: prefix).values
        // A provider that has not published since this controller took the role (its source down)
        // leaves the documents the previous leader wrote: they are its last good ones.
        var writes = remove || state.changed != nil ? SourceWrites.replacing(stored, of: state.provider, with: state.documents) : []
        let statusKey = ClusterKeys.providerStatus(state.provider)
        if remove {
            let hasStatus = try await self.etcd.get(statusKey) != nil
            guard !stored.isEmpty || hasStatus else { return }
            writes.append(.delete(statusKey))
        } else {
            let status = ProviderStatus(provider: state.provider, error: state.error, changed: state.changed,
                                        documents: state.documents.map(\.name))
            writes.append(.put(statusKey, Array((try? JSONEncoder.sorted.encode(status)) ?? Data())))
        }
        guard try await self.etcd.transaction(when: [fence.condition], then: writes).succeeded else { throw NotLeader() }
        if writes.count > 1 {
            await self.events.record("provider", remove ? "provider \(state.provider) is no longer configured; its objects were removed"
                : state.error.map { "provider \(state.provider): \($0)" } ?? "provider \(state.provider) updated (\(state.documents.count) document(s))")
        }
    }

    struct NotLeader: Error, CustomStringConvertible {
        var description: String { "no longer the leader: the fenced write was refused" }
    }
}
