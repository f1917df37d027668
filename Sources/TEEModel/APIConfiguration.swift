/// `api` in the static configuration: Traefik's read API and its dashboard.
///
/// As in Traefik, the API is reachable only through a router whose service is `api@internal`
/// (with the middlewares that guard it) unless `insecure` serves it on the `traefik` entry point.
public struct APIConfiguration: Sendable, Equatable {
    /// `api.insecure`: also serve the API and dashboard on the `traefik` entry point, unguarded.
    public var insecure: Bool
    /// `api.dashboard` (default true): serve the web dashboard under `/dashboard/`.
    public var dashboard: Bool

    public init(insecure: Bool = false, dashboard: Bool = true) {
        self.insecure = insecure
        self.dashboard = dashboard
    }

    /// The entry point that serves the API without a router (`traefik`, with `insecure`).
    public static let insecureEntryPoint = "traefik"

    /// The service name routers use to reach the API (`service: api@internal`).
    public static let internalService = "api@internal"
}
