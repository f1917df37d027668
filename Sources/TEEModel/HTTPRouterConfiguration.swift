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

    public init(rule: String, entryPoints: [String] = [], middlewares: [String] = [], service: String,
                priority: Int? = nil, tls: RouterTLSConfiguration? = nil) {
        self.rule = rule
        self.entryPoints = entryPoints
        self.middlewares = middlewares
        self.service = service
        self.priority = priority
        self.tls = tls
    }

    /// The priority routers are ordered by: the explicit one, else the rule's length.
    public var effectivePriority: Int { self.priority ?? self.rule.count }
}
