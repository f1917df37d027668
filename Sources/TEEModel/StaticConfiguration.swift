/// The static configuration in Traefik's format: entry points, providers, logging, ping.
public struct StaticConfiguration: Sendable, Equatable {
    /// `entryPoints`, sorted by name.
    public var entryPoints: [EntryPointConfiguration]
    /// `ping`: answer `GET /ping` with `OK` on this entry point (Traefik's default is `traefik`).
    public var pingEntryPoint: String?
    /// `providers.file.filename`.
    public var providerFile: String?
    /// `providers.file.directory`.
    public var providerDirectory: String?
    /// `providers.file.watch`.
    public var watchProvider: Bool
    /// `providers.docker`, `redis`, `etcd`, `zooKeeper`, `http`: the sources watched beside the files.
    public var providers = ProvidersConfiguration()
    /// `log.level`, lower-cased (`debug`, `info`, `warn`, `error`, …).
    public var logLevel: String?
    /// `log.otlp`: the daemon's own log also goes to an OTLP collector; nil when not.
    public var logOTLP: OTLPLogsConfiguration?
    /// `accessLog`: nil when access logging is off.
    public var accessLog: AccessLogConfiguration?
    /// `tracing`: OpenTelemetry traces; nil when tracing is off.
    public var tracing: TracingConfiguration?
    /// `metrics.prometheus`: nil when metrics are off.
    public var metrics: MetricsConfiguration?
    /// `metrics.otlp`: metrics pushed to an OTLP collector; nil when off.
    public var otlpMetrics: OTLPMetricsConfiguration?
    /// `api`: Traefik's read API and dashboard; nil when off.
    public var api: APIConfiguration?
    /// The entry point that serves the API without a router (`traefik` with `api.insecure`).
    public var apiEntryPoint: String? { self.api?.insecure == true ? APIConfiguration.insecureEntryPoint : nil }
    /// `certificatesResolvers` with an `acme` section, sorted by name.
    public var certificateResolvers: [ACMEResolverConfiguration] = []
    /// `cluster`: configured by controllers rather than the file provider.
    public var cluster: ClusterMembershipConfiguration?
    /// Keys of Traefik's reference that the file sets and tee does not act on, one warning each.
    public var warnings: [ConfigurationError] = []

    public init(
        entryPoints: [EntryPointConfiguration],
        pingEntryPoint: String? = nil,
        providerFile: String? = nil,
        providerDirectory: String? = nil,
        watchProvider: Bool = true,
        logLevel: String? = nil
    ) {
        self.entryPoints = entryPoints
        self.pingEntryPoint = pingEntryPoint
        self.providerFile = providerFile
        self.providerDirectory = providerDirectory
        self.watchProvider = watchProvider
        self.logLevel = logLevel
    }

    /// The longest grace time of any entry point: the whole daemon's drain deadline.
    public var longestGraceTimeout: Duration {
        self.entryPoints.map(\.graceTimeout).max() ?? EntryPointConfiguration.defaultGraceTimeout
    }
}
