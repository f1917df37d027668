public import TEEDaemon
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
public import TEEModel
import TEEProxy
import TEEOpenTelemetry
import TEEACME

/// Starts `tee-proxy` in standalone mode from a static configuration file and the file provider.
public struct ProxyDaemon: Sendable {
    /// The static configuration file (`--config`).
    public let configurationFile: String

    public init(configurationFile: String) {
        self.configurationFile = configurationFile
    }

    /// Reads and validates the static configuration; every problem is listed with file, key and line.
    public func loadConfiguration() throws(DaemonError) -> StaticConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: self.configurationFile, encoding: .utf8)
        } catch {
            throw DaemonError(.notConfigured, "\(self.configurationFile): cannot read the configuration file: \(error.localizedDescription)")
        }
        do {
            return try StaticConfigurationParser().parse(text, file: self.configurationFile)
        } catch {
            throw DaemonError(.notConfigured, "invalid configuration:\n\(error)")
        }
    }

    /// Every problem in the static and dynamic configuration, as `--check` prints them; empty when all is well.
    public func check() -> [String] {
        let configuration: StaticConfiguration
        do {
            configuration = try self.loadConfiguration()
        } catch {
            return ["\(error)"]
        }
        do {
            let dynamic = try Self.provider(for: configuration).load()
            let runtime = Self.buildRuntime(dynamic, for: configuration)
            var problems = runtime.problems
            do {
                problems += try TLSServerContext.make(dynamic, runtime: runtime).problems
            } catch {
                problems.append("tls: \(error)")
            }
            return problems
        } catch {
            return error.errors.map(\.description)
        }
    }

    /// The keys of the static and dynamic configuration that tee accepts without acting on them,
    /// as `--check` prints them after the problems; empty when the files do not load.
    public func warnings() -> [String] {
        guard let configuration = try? self.loadConfiguration() else { return [] }
        let loaded = try? Self.provider(for: configuration).load()
        let dynamic = loaded?.warnings ?? []
        // Routers whose certificate cannot be asked for (in a cluster the controllers decide).
        let certificates = configuration.cluster != nil ? [] : loaded.map {
            ACMECertificateDemand.demands(in: $0, resolvers: Set(configuration.certificateResolvers.map(\.name))).problems
        } ?? []
        return (configuration.warnings + dynamic).map(\.description) + certificates
    }

    /// Binds every entry point and returns the services; called by ``Daemon`` before `READY=1`.
    public func start(_ context: DaemonContext) async throws -> DaemonComponents {
        let configuration = try self.loadConfiguration()
        context.logger.debug("Static configuration loaded", metadata: [
            "file": "\(self.configurationFile)", "entry_points": "\(configuration.entryPoints.map(\.name))",
        ])
        for warning in configuration.warnings {
            context.logger.warning("Configuration key ignored: \(warning)")
        }
        guard !configuration.entryPoints.isEmpty else {
            throw DaemonError(.notConfigured, "\(self.configurationFile): no entryPoints are defined; add one such as entryPoints.web.address: \":80\"")
        }
        let otlpMetrics = try configuration.otlpMetrics.map { settings in
            try self.exporter {
                try OTLPMetricsBackend(settings, logger: context.logging.makeLogger(label: "tee-proxy.metrics"),
                                       eventLoop: context.eventLoopGroup.next())
            }
        }
        let metrics = configuration.metrics != nil || otlpMetrics != nil
            ? ProxyMetrics(prometheus: configuration.metrics, otlp: otlpMetrics.map { ($0.configuration, $0.factory) }) : nil
        let reference = RuntimeReference(.empty)
        let reloader = ProxyReloader(daemon: self, configuration: configuration, runtime: reference, metrics: metrics,
                                     logger: context.logger)
        // Request totals for the dashboard: its own (api), or reported to the controllers' (cluster).
        let traffic = TrafficTally()
        let countsTraffic = configuration.api != nil || configuration.cluster != nil
        let cluster = configuration.cluster.map {
            ClusterSnapshotService(membership: $0, reloader: reloader, traffic: traffic,
                                   logger: context.logging.makeLogger(label: "tee-proxy.cluster"))
        }
        var services: [any Service] = []
        // First in the group, so last to stop: spans of requests that finish during shutdown still go out.
        let tracing = try configuration.tracing.map { settings in
            try self.exporter {
                try TracingBackend(settings, logger: context.logging.makeLogger(label: "tee-proxy.tracing"),
                                   eventLoop: context.eventLoopGroup.next(), callerSamples: true)
            }
        }
        if let tracing { services.append(tracing.service) }
        if let otlpMetrics { services.append(otlpMetrics.service) }
        if !configuration.certificateResolvers.isEmpty {
            if configuration.cluster != nil {
                context.logger.warning("certificatesResolvers are obtained by the controllers in a cluster; this proxy's are ignored")
            } else {
                services.append(await self.certificateService(configuration, reloader: reloader, context: context))
            }
        }
        // Taken before the first load: a change after it is seen by the watcher, whenever that starts.
        let filesBeforeLoad = Self.provider(for: configuration).fingerprint()
        if let cluster {
            await cluster.restoreSaved()
        } else {
            do {
                _ = try await reloader.reload()
            } catch {
                // Like Traefik: start with what loads, and say loudly what did not.
                context.logger.error("Dynamic configuration not loaded; serving no routes until it is fixed", metadata: ["error": "\(error)"])
            }
        }
        let graceTimeout = context.graceTimeoutOverride ?? configuration.longestGraceTimeout
        let api = configuration.api.map { ProxyAPI(configuration: configuration, settings: $0, runtime: reference, traffic: traffic) }
        var observers = [metrics?.observer ?? .none, countsTraffic ? .counting(into: traffic) : .none]
        var accessLog: AccessLog?
        if let settings = configuration.accessLog {
            do {
                let otlp = try settings.otlp.map {
                    try OTLPLogsBackend($0, key: "accessLog.otlp", label: "tee-proxy.access", diagnostics: context.logging.makeLogger(label: "tee-proxy.access-otlp"),
                                        eventLoop: context.eventLoopGroup.next())
                }
                if let otlp { services.append(otlp.service) }
                let log = try AccessLog(settings: settings, logger: context.logging.makeLogger(label: "tee-proxy.access"), otlpLogger: otlp?.logger)
                observers.append(log.observer)
                services.append(log)
                accessLog = log
            } catch {
                throw DaemonError(.notConfigured, "\(self.configurationFile): \(error)")
            }
        }
        let server: ProxyServer
        do {
            server = try await ProxyServer.bind(
                configuration: configuration,
                activatedSockets: context.activatedSockets,
                group: context.eventLoopGroup,
                runtime: reference,
                observer: .combining(observers),
                metrics: metrics,
                api: api,
                tracer: tracing?.tracer,
                graceTimeout: graceTimeout,
                logger: context.logger
            )
        } catch let error as EntryPointBindError {
            throw DaemonError(error.isPermissionDenied ? .noPermission : .failure, "\(error)")
        }
        services.append(server)
        services.append(HealthCheckService(runtime: reference, group: context.eventLoopGroup, metrics: metrics, logger: context.logger))
        if let cluster {
            services.append(cluster)
        } else if configuration.watchProvider, configuration.providerFile != nil || configuration.providerDirectory != nil {
            services.append(FileProviderWatcher(provider: Self.provider(for: configuration), reloader: reloader, logger: context.logger,
                                                initial: filesBeforeLoad))
        }
        if cluster == nil, !configuration.providers.isEmpty {
            services.append(StandaloneProviders(settings: configuration.providers, reloader: reloader,
                                                logger: context.logging.makeLogger(label: "tee-proxy.providers")))
        } else if cluster != nil, !configuration.providers.isEmpty {
            context.logger.warning("providers other than file are run by the controllers' leader in a cluster; this proxy's are ignored")
        }
        return DaemonComponents(
            services: services,
            status: await reloader.status,
            gracefulShutdownDeadline: graceTimeout,
            reload: { try await reloader.reload() },
            reopenLogs: accessLog.map { log in { @Sendable in log.reopen() } }
        )
    }

    /// Builds an OpenTelemetry exporter; a section it refuses stops the start, naming the file.
    private func exporter<Backend>(_ make: () throws -> Backend) throws -> Backend {
        do {
            return try make()
        } catch {
            throw DaemonError(.notConfigured, "\(self.configurationFile): \(error)")
        }
    }

    /// The certificate manager of `certificatesResolvers`, each resolver keeping its account and
    /// certificates in its `storage` file (Traefik's acme.json), told by the reloader what the routers ask for.
    private func certificateService(_ configuration: StaticConfiguration, reloader: ProxyReloader, context: DaemonContext) async -> ACMEService {
        let resolvers = configuration.certificateResolvers
        var storages: [String: any ACMEStorage] = [:]
        for resolver in resolvers { storages[resolver.name] = ACMEStorageFile(path: resolver.storage) }
        let manager = ACMECertificateManager(resolvers: resolvers, storages: storages, publisher: ProxyACMEPublisher(reloader: reloader),
                                             environment: ProcessInfo.processInfo.environment,
                                             logger: context.logging.makeLogger(label: "tee-proxy.acme"))
        return ACMEService(manager: manager, demands: await reloader.demands(resolvers: Set(resolvers.map(\.name))))
    }

    static func provider(for configuration: StaticConfiguration) -> FileProvider {
        FileProvider(filename: configuration.providerFile, directory: configuration.providerDirectory)
    }

    static func buildRuntime(_ dynamic: DynamicConfiguration, for configuration: StaticConfiguration,
                             demand: RateLimitDemand = RateLimitDemand()) -> ProxyRuntime {
        RuntimeBuilder.build(dynamic, entryPoints: configuration.entryPoints.map {
            EntryPointRouting(name: $0.name, defaultMiddlewares: $0.defaultMiddlewares, defaultTLS: $0.defaultTLS)
        }, demand: demand)
    }
}
