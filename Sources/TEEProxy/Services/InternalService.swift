/// A service the proxy answers itself (`api@internal`: the API and dashboard), reached through
/// a router like any other so the router's middlewares (authentication, IP allow lists) guard it.
public struct InternalService: ServiceHandler {
    public let name: String

    /// The internal services routers may name.
    public static let names: Set<String> = ["api@internal", "dashboard@internal"]

    public init(name: String) {
        self.name = name
    }

    /// Never a server: the request is answered by the proxy.
    public func select(for request: ProxyRequest) -> ServerSelection? { nil }

    public var hasHealthyServer: Bool { true }
}
