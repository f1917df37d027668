public import TEEModel

/// A router ready for the request path: its rule, middlewares and service, all built.
public final class CompiledRouter: Sendable {
    public let name: String
    public let rule: RuleExpression
    /// The rule as written, for traces (`http.route`).
    public let ruleText: String
    public let priority: Int
    /// Position in the global order (priority descending, then name): lower is tried first.
    public let order: Int
    public let middleware: MiddlewareChain
    public let service: any ServiceHandler
    /// The service's name, for metrics and logs.
    public let serviceName: String
    /// `observability`: what the router's requests produce, where it differs from the entry point's defaults.
    public let observability: RouterObservability?

    public init(name: String, rule: RuleExpression, ruleText: String = "", priority: Int, order: Int, middleware: MiddlewareChain,
                service: any ServiceHandler, serviceName: String, observability: RouterObservability? = nil) {
        self.name = name
        self.rule = rule
        self.ruleText = ruleText
        self.priority = priority
        self.order = order
        self.middleware = middleware
        self.service = service
        self.serviceName = serviceName
        self.observability = observability
    }
}
