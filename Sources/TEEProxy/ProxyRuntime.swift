public import TEEModel

/// Everything the request path needs, built from one configuration and swapped in whole on reload.
public final class ProxyRuntime: Sendable {
    /// Routers for plain requests, by entry point.
    public let plainRouters: [String: RouterTable]
    /// Routers for TLS requests (routers with a `tls` section), by entry point.
    public let tlsRouters: [String: RouterTable]
    /// The configuration it was built from.
    public let configuration: DynamicConfiguration
    /// Status of every router, service and middleware, for the API and `--check`.
    public let routerStatus: [String: RuntimeObjectStatus]
    public let serviceStatus: [String: RuntimeObjectStatus]
    public let middlewareStatus: [String: RuntimeObjectStatus]
    /// Every server of every load balancer (for health checks and pools).
    public let servers: [UpstreamServer]
    /// TCP routers, by entry point.
    public let tcpRouters: [String: TCPRouterTable]
    /// The UDP service of each entry point that has a UDP router.
    public let udpServices: [String: any NetworkServiceHandler]
    /// Status of every TCP and UDP router (`tcpRouter/NAME`, `udpRouter/NAME`) and of broken TCP/UDP objects.
    public let networkStatus: [String: RuntimeObjectStatus]

    public init(plainRouters: [String: RouterTable], tlsRouters: [String: RouterTable], configuration: DynamicConfiguration,
                routerStatus: [String: RuntimeObjectStatus], serviceStatus: [String: RuntimeObjectStatus],
                middlewareStatus: [String: RuntimeObjectStatus], servers: [UpstreamServer],
                tcpRouters: [String: TCPRouterTable] = [:], udpServices: [String: any NetworkServiceHandler] = [:],
                networkStatus: [String: RuntimeObjectStatus] = [:]) {
        self.tcpRouters = tcpRouters
        self.udpServices = udpServices
        self.networkStatus = networkStatus
        self.plainRouters = plainRouters
        self.tlsRouters = tlsRouters
        self.configuration = configuration
        self.routerStatus = routerStatus
        self.serviceStatus = serviceStatus
        self.middlewareStatus = middlewareStatus
        self.servers = servers
    }

    /// A runtime with no routers: every request gets 404.
    public static let empty = ProxyRuntime(plainRouters: [:], tlsRouters: [:], configuration: DynamicConfiguration(),
                                           routerStatus: [:], serviceStatus: [:], middlewareStatus: [:], servers: [])

    /// The router for a request on `entryPoint`.
    public func route(_ request: ProxyRequest) -> CompiledRouter? {
        let tables = request.isTLS ? self.tlsRouters : self.plainRouters
        return tables[request.entryPoint]?.route(request)
    }

    /// Every problem, as `--check` prints them: object kind, name and reason.
    public var problems: [String] {
        func list(_ kind: String, _ statuses: [String: RuntimeObjectStatus]) -> [String] {
            statuses.keys.sorted().flatMap { name in statuses[name]!.errors.map { "\(kind) \(name): \($0)" } }
        }
        let network = self.networkStatus.keys.sorted().flatMap { key in
            self.networkStatus[key]!.errors.map { "\(key.split(separator: "/", maxSplits: 1).joined(separator: " ")): \($0)" }
        }
        // Objects that no status covers: TLS options and servers transports.
        let others = self.configuration.problems.filter { $0.kind == .tlsOptions || $0.kind == .serversTransport }
            .map { "\($0.kind.rawValue) \($0.name): \($0.error)" }
        return list("router", self.routerStatus) + list("service", self.serviceStatus) + list("middleware", self.middlewareStatus)
            + network + others
    }
}
