import Foundation
public import TEEModel

/// `providers.docker`: the `traefik.*` labels of the engine's running containers (Docker, or
/// Podman's compatible service), followed through the engine's events. A container whose labels
/// do not make a configuration keeps its last good one and is reported.
public struct DockerProvider: ConfigurationProvider {
    public let name = "docker"
    public let settings: DockerProviderConfiguration

    public init(settings: DockerProviderConfiguration) {
        self.settings = settings
    }

    public func watch(_ publish: @escaping @Sendable (ProviderUpdate) async throws -> Void) async throws {
        let engine = try DockerEngineClient(settings: self.settings)
        do {
            try await self.follow(engine, publish)
        } catch {
            await engine.shutdown()
            throw error
        }
    }

    private func follow(_ engine: DockerEngineClient, _ publish: @escaping @Sendable (ProviderUpdate) async throws -> Void) async throws {
        let builder = DockerLabelBuilder(settings: self.settings)
        guard self.settings.watch else {
            var lastGood: [String: FlatConfiguration] = [:]
            try await publish(Self.update(try await engine.containers(), builder: builder, lastGood: &lastGood))
            return
        }
        let (changes, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let changed = ChangedContainers()
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Events first, so that nothing between the first read and the stream is missed.
            group.addTask {
                try await engine.events { id in
                    changed.insert(id)
                    signal.yield()
                }
            }
            group.addTask {
                var lastGood: [String: FlatConfiguration] = [:]
                var known: [String: DockerContainer] = [:]
                signal.yield()
                for await _ in changes {
                    let containers = try await engine.containers(known: known, changed: changed.take())
                    known = Dictionary(containers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                    try await publish(Self.update(containers, builder: builder, lastGood: &lastGood))
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// One document of every container's configuration; a container whose labels do not load
    /// keeps its last good configuration (`lastGood`, by container id) and is reported.
    static func update(_ containers: [DockerContainer], builder: DockerLabelBuilder,
                       lastGood: inout [String: FlatConfiguration]) -> ProviderUpdate {
        var combiner = FlatConfigurationCombiner()
        var problems: [String] = []
        var kept: [String: FlatConfiguration] = [:]
        for container in containers.sorted(by: { $0.name < $1.name }) {
            do {
                guard let flat = try builder.configuration(of: container) else { continue }
                _ = try ConfigurationDocument(provider: "docker", name: container.name, flat: flat).parse()
                kept[container.id] = flat
                combiner.add(flat, from: "docker/\(container.name)")
            } catch {
                problems.append("\(error)")
                if let previous = lastGood[container.id] {
                    kept[container.id] = previous
                    combiner.add(previous, from: "docker/\(container.name)")
                }
            }
        }
        lastGood = kept
        return ProviderUpdate(documents: [ConfigurationDocument(provider: "docker", name: "containers", flat: combiner.combined)],
                              problems: problems + combiner.problems)
    }
}
