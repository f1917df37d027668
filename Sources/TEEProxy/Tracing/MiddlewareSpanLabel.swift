public import TEEModel

/// A middleware as its span shows it: named by its type (`StripPrefix`), with its name in `traefik.middleware.name`.
public struct MiddlewareSpanLabel: Sendable {
    public let name: String
    public let type: String

    public init(name: String, configuration: MiddlewareConfiguration) {
        self.name = name
        self.type = configuration.spanName
    }
}
