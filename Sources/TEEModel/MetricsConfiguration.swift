/// `metrics.prometheus`: which metrics carry which labels, and where `/metrics` is served.
public struct MetricsConfiguration: Sendable, Equatable {
    /// `entryPoint`: the entry point that answers `GET /metrics` (Traefik's default is `traefik`).
    public var entryPoint: String
    /// `buckets`: the request-duration histogram's upper bounds, in seconds.
    public var buckets: [Double]
    /// `addEntryPointsLabels`: record `tee_entrypoint_*` metrics.
    public var addEntryPointsLabels: Bool
    /// `addRoutersLabels`: record `tee_router_*` metrics (off by default, as in Traefik).
    public var addRoutersLabels: Bool
    /// `addServicesLabels`: record `tee_service_*` metrics.
    public var addServicesLabels: Bool
    /// `metrics.addInternals`: the proxy's own answers (ping, metrics, the API) are counted too.
    public var addInternals = false

    /// Traefik's default buckets.
    public static let defaultBuckets = [0.1, 0.3, 1.2, 5.0]

    public init(
        entryPoint: String = "traefik",
        buckets: [Double] = Self.defaultBuckets,
        addEntryPointsLabels: Bool = true,
        addRoutersLabels: Bool = false,
        addServicesLabels: Bool = true
    ) {
        self.entryPoint = entryPoint
        self.buckets = buckets
        self.addEntryPointsLabels = addEntryPointsLabels
        self.addRoutersLabels = addRoutersLabels
        self.addServicesLabels = addServicesLabels
    }
}
