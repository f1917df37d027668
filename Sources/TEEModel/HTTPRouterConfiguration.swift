/// `http.routers.<name>`: which requests a router takes and where it sends them.
public struct HTTPRouterConfiguration: Sendable, Equatable {
    /// The rule in Traefik's v3 rule language.
    public var rule: String
    /// The entry points it listens on; empty means every entry point.
    public var entryPoints: [String]
    /// Middleware names, applied in order.
    public var middlewares: [String]
    /// The service name.
    public var service: String
    /// An explicit priority; nil means the length of the rule.
    public var priority: Int?
    /// `tls`: present when the router serves TLS requests only.
    public var tls: RouterTLSConfiguration?
    /// `observability`: overrides of the entry point's access logs, metrics and tracing for this router.
    public var observability: RouterObservability?

    public init(rule: String, entryPoints: [String] = [], middlewares: [String] = [], service: String,
                priority: Int? = nil, tls: RouterTLSConfiguration? = nil) {
        self.rule = rule
        self.entryPoints = entryPoints
        self.middlewares = middlewares
        self.service = service
        self.priority = priority
        self.tls = tls
    }

    /// The order routers are tried in, as Traefik: the explicit priority unless it is 0, else the rule's length in bytes (Go's `len`).
    public var effectivePriority: Int {
        if let priority = self.priority, priority != 0 { return priority }
        return self.rule.utf8.count
    }
}
