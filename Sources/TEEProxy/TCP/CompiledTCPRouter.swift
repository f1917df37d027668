public import TEEModel

/// A TCP router ready to route: its parsed rule, TLS handling, middlewares and service.
public final class CompiledTCPRouter: Sendable {
    public let name: String
    public let rule: RuleExpression
    public let priority: Int
    public let tls: TCPRouterConfiguration.TLS?
    public let middlewares: [any TCPConnectionMiddleware]
    public let service: any NetworkServiceHandler

    public init(name: String, rule: RuleExpression, priority: Int, tls: TCPRouterConfiguration.TLS?,
                middlewares: [any TCPConnectionMiddleware], service: any NetworkServiceHandler) {
        self.name = name
        self.rule = rule
        self.priority = priority
        self.tls = tls
        self.middlewares = middlewares
        self.service = service
    }

    /// Runs the middlewares in order; nil when one refuses, else what to call when the connection closes.
    public func admit(_ connection: TCPConnectionInfo) -> [@Sendable () -> Void]? {
        var onClose: [@Sendable () -> Void] = []
        for middleware in self.middlewares {
            switch middleware.admit(connection) {
            case .refuse:
                for release in onClose { release() }
                return nil
            case .admit(let release):
                if let release { onClose.append(release) }
            }
        }
        return onClose
    }
}
