import Foundation
public import Logging
public import ServiceLifecycle
import TEEDistribution
import TEEModel
public import TEEStore

/// The leader's work: keeps the `file` source in step with its `/etc/tee/dynamic.d/`, and
/// compiles every source into a new versioned snapshot whenever one changes. Every write is
/// fenced by the leader key, so a controller that lost the role writes nothing. A set of
/// sources that does not load is not published: the last snapshot stays, and the status key
/// says why.
struct ConfigurationCompiler: Service {
    let etcd: EtcdClient
    let leadership: Leadership
    /// The watched directory of the file provider; nil for none.
    let dynamicDirectory: String?
    let logger: Logger
    let events: EventLog
    /// Opens the stored certificates' keys; without it, stored certificates are left out.
    let dataKey: DataKey?

    init(etcd: EtcdClient, leadership: Leadership, dynamicDirectory: String?, logger: Logger, events: EventLog, dataKey: DataKey?) {
        self.etcd = etcd
        self.leadership = leadership
        self.dynamicDirectory = dynamicDirectory
        self.logger = logger
        self.events = events
        self.dataKey = dataKey
    }

    func run() async throws {
        await self.leadership.leadUntilShutdown("Compilation", logger: self.logger) { fence in try await self.lead(fence) }
    }

    private func lead(_ fence: LeaderFence) async throws {
        let (changes, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await ChangeSignal(etcd: self.etcd, prefixes: [ClusterKeys.sourcesPrefix, ClusterKeys.certificatesPrefix]).run(signal)
            }
            if let directory = self.dynamicDirectory {
                group.addTask {
                    // The directory is polled; each change of its files is written as `file` documents.
                    var fingerprint: String?
                    while !Task.isCancelled {
                        let current = FileProvider(filename: nil, directory: directory).fingerprint()
                        if current != fingerprint {
                            fingerprint = try await self.syncDirectory(directory, fence: fence)
                            signal.yield()
                        }
                        try await Task.sleep(for: .milliseconds(500))
                    }
                }
            }
            group.addTask {
                // Each signal means "re-read": changes made while compiling leave one more signal.
                for await _ in changes {
                    try await self.compile(try await self.readSources(), fence: fence)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Every source document and the stored certificates' document, in a stable order.
    private func readSources() async throws -> [ConfigurationDocument] {
        let values = try await self.etcd.list(prefix: ClusterKeys.sourcesPrefix).values
        let sealing = SnapshotSealing(dataKey: self.dataKey)
        var documents = values.compactMap { try? JSONDecoder().decode(ConfigurationDocument.self, from: Data($0.value)) }
            .compactMap(sealing.open)
            .sorted { ($0.provider, $0.name) < ($1.provider, $1.name) }
        let certificates = try await self.etcd.list(prefix: ClusterKeys.certificatesPrefix).values
        if let document = self.certificatesDocument(certificates) { documents.append(document) }
        return documents
    }

    /// Publishes a new snapshot when the sources differ from the current one's.
    private func compile(_ documents: [ConfigurationDocument], fence: LeaderFence) async throws {
        let sealing = SnapshotSealing(dataKey: self.dataKey)
        let current = try await self.etcd.get(ClusterKeys.snapshot).flatMap { ConfigurationSnapshot(serialized: $0.value) }.map(sealing.open)
        if let current, current.documents == documents { return }
        let version = (current?.version ?? 0) + 1
        let snapshot = ConfigurationSnapshot(version: version, documents: documents)
        // Sealed before the typed `do` below, whose errors are the configuration's own.
        let stored = try sealing.seal(snapshot)
        var status = CompileStatus(version: current?.version ?? 0, attempted: version)
        var writes: [EtcdWrite] = []
        do {
            let configuration = try snapshot.load()
            _ = try snapshot.loadMesh()
            status.version = version
            status.problems = configuration.problems.map(\.description)
            writes.append(.put(ClusterKeys.snapshot, stored.serialized))
        } catch {
            status.error = error.errors.map(\.description).joined(separator: "\n")
            self.logger.error("Configuration sources do not load; snapshot \(version - 1) stays in service",
                              metadata: ["error": "\(status.error ?? "")"])
        }
        writes.append(.put(ClusterKeys.compileStatus, status.encoded))
        self.logger.debug("Writing snapshot", metadata: ["version": "\(version)"])
        let result = try await self.etcd.transaction(when: [fence.condition], then: writes)
        guard result.succeeded else { throw NotLeader() }
        if let error = status.error {
            await self.events.record("snapshot", "sources do not load; snapshot \(version - 1) stays: \(error)")
        } else {
            self.logger.info("Snapshot compiled", metadata: ["version": "\(version)", "documents": "\(documents.count)",
                                                            "problems": "\(status.problems.count)"])
            await self.events.record("snapshot", "snapshot \(version) compiled from \(documents.count) document(s)"
                + (status.problems.isEmpty ? "" : ", \(status.problems.count) object(s) disabled"))
        }
        try await self.events.trim(fence: fence)
    }

    /// Writes the directory's files as `file` documents, removing those whose file went; returns
    /// the directory's fingerprint.
    private func syncDirectory(_ directory: String, fence: LeaderFence) async throws -> String {
        let provider = FileProvider(filename: nil, directory: directory)
        let fingerprint = provider.fingerprint()
        var documents: [ConfigurationDocument] = []
        for file in (try? provider.files()) ?? [] {
            guard let content = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            let name = (file as NSString).lastPathComponent
            documents.append(ConfigurationDocument(provider: "file", name: name, format: name.hasSuffix(".toml") ? "toml" : "yaml",
                                                   content: content))
        }
        let stored = try await self.etcd.list(prefix: ClusterKeys.source(provider: "file", name: "")).values
        let writes = SourceWrites.replacing(stored, of: "file", with: documents)
        if !writes.isEmpty {
            guard try await self.etcd.transaction(when: [fence.condition], then: writes).succeeded else { throw NotLeader() }
        }
        return fingerprint
    }

    /// The stored certificates as a document of the `certs` source (`tls.certificates`, and the
    /// default store's certificate), keys opened with the data key: it reaches proxies only over
    /// the snapshot stream's mutual TLS.
    private func certificatesDocument(_ values: [StoredValue]) -> ConfigurationDocument? {
        let certificates = values.compactMap { try? JSONDecoder().decode(StoredCertificate.self, from: Data($0.value)) }
        guard !certificates.isEmpty else { return nil }
        guard let dataKey = self.dataKey else {
            self.logger.error("Stored certificates left out: this controller has no data key (--data-key-file)")
            return nil
        }
        var entries: [JSONValue] = []
        var defaultEntry: JSONValue?
        for certificate in certificates.sorted(by: { $0.name < $1.name }) {
            guard let key = try? dataKey.open(certificate.sealedKey) else {
                self.logger.error("Certificate left out: its key does not open with this data key", metadata: ["certificate": "\(certificate.name)"])
                continue
            }
            let entry = JSONValue.object(["certFile": .string(certificate.certificate), "keyFile": .string(String(decoding: key, as: UTF8.self))])
            entries.append(entry)
            if certificate.isDefault { defaultEntry = entry }
        }
        var tls: [String: JSONValue] = ["certificates": .array(entries)]
        if let defaultEntry { tls["stores"] = .object(["default": .object(["defaultCertificate": defaultEntry])]) }
        return ConfigurationDocument(provider: "certs", name: "store", format: "yaml", content: JSONValue.object(["tls": .object(tls)]).text)
    }

    struct NotLeader: Error, CustomStringConvertible {
        var description: String { "no longer the leader: the fenced write was refused" }
    }
}
