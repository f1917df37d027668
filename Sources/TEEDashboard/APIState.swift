public import Foundation
public import TEEModel
public import TEEProxy

/// What the API describes: a built runtime and the facts around it. A proxy passes its own
/// runtime; a controller passes the runtime its latest snapshot builds.
public struct APIState: Sendable {
    public var runtime: ProxyRuntime
    /// The entry points of the static configuration (a controller lists those its routers name).
    public var entryPoints: [EntryPointConfiguration]
    /// Providers beside the file, each with its error (nil while it works).
    public var providers: [String: String?]
    /// `features` of the overview: `metrics` (`Prometheus`, `OpenTelemetry` or empty), `accessLog`,
    /// `tracing` (`OpenTelemetry` or empty).
    public var metrics: String
    public var accessLog: Bool
    public var tracing: String
    public var startDate: Date
    /// Where the traffic plots' figures come from; nil when there are none.
    public var traffic: TrafficView?
    /// Whether the runtime is this process's own proxy: then its servers' health and its entry
    /// points' addresses are real. A controller's runtime describes what proxies will build.
    public var isServing: Bool

    public init(runtime: ProxyRuntime, entryPoints: [EntryPointConfiguration], providers: [String: String?] = [:],
                metrics: String = "", accessLog: Bool = false, tracing: String = "", startDate: Date, traffic: TrafficView? = nil, isServing: Bool = true) {
        self.runtime = runtime
        self.entryPoints = entryPoints
        self.providers = providers
        self.metrics = metrics
        self.accessLog = accessLog
        self.tracing = tracing
        self.startDate = startDate
        self.traffic = traffic
        self.isServing = isServing
    }
}
