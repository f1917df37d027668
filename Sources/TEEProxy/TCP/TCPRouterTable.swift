import TEEModel

/// The TCP routers of one entry point, in priority order. TLS connections are matched against
/// routers with `tls`, plain ones against routers without (which can only use `HostSNI(`*`)`).
public struct TCPRouterTable: Sendable {
    public let routers: [CompiledTCPRouter]

    public init(_ routers: [CompiledTCPRouter]) {
        self.routers = routers.sorted { $0.priority != $1.priority ? $0.priority > $1.priority : $0.name < $1.name }
    }

    public var isEmpty: Bool { self.routers.isEmpty }

    /// Whether any router handles TLS connections.
    public var hasTLSRouters: Bool { self.routers.contains { $0.tls != nil } }

    /// The first router, in priority order, that takes the connection.
    public func route(_ connection: TCPConnectionInfo) -> CompiledTCPRouter? {
        self.routers.first { ($0.tls != nil) == connection.isTLS && $0.rule.matches(connection) }
    }
}
