import Logging
import NIOSSL
import TEEDaemon
import TEEModel
import TEEDistribution
import TEEProxy
import TEEProviders

/// Loads the dynamic configuration, builds a whole new runtime and swaps it in, one reload at a
/// time. SIGHUP, `systemctl reload`, the file watcher and (in a cluster) each snapshot from the
/// controllers all come here.
actor ProxyReloader {
    private let daemon: ProxyDaemon
    private let started: StaticConfiguration
    private let runtime: RuntimeReference
    private let metrics: ProxyMetrics?
    private let logger: Logger
    private var generation = 0
    /// In a cluster: the snapshot in service (its dynamic configuration replaces the file provider's).
    private(set) var snapshot: ConfigurationSnapshot?
    /// The dynamic configuration last loaded from its source, before the ACME certificates and challenges are added.
    private var loaded: DynamicConfiguration?
    /// What the certificate manager publishes: certificates to serve and challenge answers.
    private var acmeCertificates: [CertificateFiles] = []
    private var acmeChallenges = ACMEChallengeResponses()
    /// Told, after each load and in order, which certificates the routers ask their resolvers for.
    private var demandsChanged: AsyncStream<[ACMECertificateDemand]>.Continuation?
    private var resolverNames: Set<String> = []
    /// Standalone: each provider's last good documents (Docker, key-value stores, HTTP), merged with the files.
    private(set) var providerStates: [String: ProviderState] = [:]
    /// The demand on distributed rate limits, kept across reloads and shared with the cluster.
    nonisolated let rateLimitDemand = RateLimitDemand()

    init(daemon: ProxyDaemon, configuration: StaticConfiguration, runtime: RuntimeReference, metrics: ProxyMetrics?, logger: Logger) {
        self.daemon = daemon
        self.started = configuration
        self.runtime = runtime
        self.metrics = metrics
        self.logger = logger
    }

    /// The `STATUS=` line for the runtime in service.
    var status: String {
        let runtime = self.runtime.current
        let enabled = runtime.routerStatus.values.filter(\.isEnabled).count
        let disabled = runtime.routerStatus.count - enabled
        let names = self.started.entryPoints.map(\.name).joined(separator: ", ")
        return "Serving \(enabled) router(s)\(disabled > 0 ? ", \(disabled) disabled" : "") on \(names) (configuration \(self.generation))"
    }

    /// The version of the snapshot in service; 0 for none (or standalone).
    var appliedVersion: UInt64 { self.snapshot?.version ?? 0 }

    /// Puts a snapshot from the controllers (or the state file) in service; throws, keeping the
    /// running one, when it does not load.
    func apply(_ snapshot: ConfigurationSnapshot) throws -> String {
        let previous = self.snapshot
        self.snapshot = snapshot
        do {
            return try self.reload()
        } catch {
            self.snapshot = previous
            throw error
        }
    }

    /// Each loaded configuration's certificate demands, for the ACME manager; the newest wins.
    func demands(resolvers: Set<String>) -> AsyncStream<[ACMECertificateDemand]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [ACMECertificateDemand].self, bufferingPolicy: .bufferingNewest(1))
        self.resolverNames = resolvers
        self.demandsChanged = continuation
        return stream
    }

    /// Serves the ACME certificates and challenge answers with the configuration last loaded;
    /// returns once the new runtime is in service.
    func applyACME(certificates: [CertificateFiles], challenges: ACMEChallengeResponses) throws {
        self.acmeCertificates = certificates
        self.acmeChallenges = challenges
        guard let loaded = self.loaded else { return }
        try self.swap(loaded, announce: false)
    }

    /// Puts a provider's new state in service with the files (standalone).
    func applyProvider(_ state: ProviderState) throws -> String {
        let previous = self.providerStates[state.provider]
        self.providerStates[state.provider] = state
        self.runtime.providerErrors = self.providerStates.mapValues(\.error)
        guard previous?.documents != state.documents else { return self.status }
        return try self.reload()
    }

    /// Re-reads the configuration; on any parse error keeps the running runtime and throws.
    func reload() throws -> String {
        do {
            let status = try self.loadAndSwap()
            self.metrics?.configurationReloaded(succeeded: true)
            return status
        } catch {
            self.metrics?.configurationReloaded(succeeded: false)
            throw error
        }
    }

    private func loadAndSwap() throws -> String {
        let configuration = try self.daemon.loadConfiguration()
        if configuration.entryPoints != self.started.entryPoints {
            self.logger.warning("Entry point changes take effect on restart (systemctl restart tee-proxy)")
        }
        let dynamic: DynamicConfiguration
        do {
            if self.started.cluster != nil {
                dynamic = try self.snapshot?.load() ?? DynamicConfiguration()
            } else {
                dynamic = try self.standaloneConfiguration()
            }
        } catch {
            throw DaemonError(.notConfigured, "dynamic configuration rejected, previous one kept:\n\(error)")
        }
        try self.swap(dynamic, announce: true)
        if let demandsChanged = self.demandsChanged {
            let (demands, problems) = ACMECertificateDemand.demands(in: dynamic, resolvers: self.resolverNames)
            for problem in problems { self.logger.error("Certificate not requested: \(problem)") }
            demandsChanged.yield(demands)
        }
        return self.status
    }

    /// The file provider's configuration with each provider's documents.
    private func standaloneConfiguration() throws -> DynamicConfiguration {
        let files = try ProxyDaemon.provider(for: self.started).load()
        guard !self.providerStates.isEmpty else { return files }
        var merger = DynamicConfigurationMerger()
        merger.add(files, from: "file")
        for state in self.providerStates.values.sorted(by: { $0.provider < $1.provider }) {
            for document in state.documents { merger.add(try document.parse(), from: document.origin) }
        }
        return merger.merged
    }

    /// Builds the runtime and TLS contexts for `loaded` plus the ACME certificates and challenges, and puts them in service.
    /// With `announce`, the configuration's warnings and disabled objects are logged (once per load, not per ACME change).
    private func swap(_ loaded: DynamicConfiguration, announce: Bool) throws {
        var dynamic = loaded
        dynamic.tls.certificates += self.acmeCertificates
        // A standalone proxy's own orders; in a cluster the snapshot brings the leader's.
        dynamic.acmeChallenges.httpTokens.merge(self.acmeChallenges.httpTokens) { _, own in own }
        dynamic.acmeChallenges.tlsCertificates.merge(self.acmeChallenges.tlsCertificates) { _, own in own }
        let next = ProxyDaemon.buildRuntime(dynamic, for: self.started, demand: self.rateLimitDemand)
        if announce {
            for warning in dynamic.warnings { self.logger.warning("Configuration key ignored: \(warning)") }
            for problem in next.problems { self.logger.error("Disabled: \(problem)") }
        }
        let tls: TLSServerContexts?
        do {
            let built = try TLSServerContext.make(dynamic, runtime: next)
            if announce { for problem in built.problems { self.logger.error("Skipped: \(problem)") } }
            tls = built.contexts
            self.metrics?.certificatesInService(built.certificates)
        } catch {
            throw DaemonError(.notConfigured, "TLS configuration rejected, previous one kept: \(error)")
        }
        self.runtime.swap(next, tls: tls, acme: ACMEChallengeContexts.make(dynamic.acmeChallenges, logger: self.logger))
        self.loaded = loaded
        self.generation += 1
        self.logger.info("Configuration loaded", metadata: [
            "generation": "\(self.generation)", "routers": "\(next.routerStatus.count)", "problems": "\(next.problems.count)",
            "snapshot": "\(self.snapshot?.version ?? 0)",
        ])
    }
}
