/// What rules look at in a request. The proxy's request type conforms; tests use their own.
public protocol RoutableRequest {
    /// The request's host, lower-cased, without port or trailing dot.
    var host: String { get }
    /// The request path, without the query.
    var path: String { get }
    /// The path rules match: escapes of unreserved characters decoded, as Traefik's routing path.
    var routingPath: String { get }
    /// The method in upper case (`GET`).
    var method: String { get }
    /// Every value of the header `name` (case-insensitive).
    func headerValues(_ name: String) -> [String]
    /// Every value of the query parameter `key`; empty when it is absent.
    func queryValues(_ key: String) -> [String]
    /// The connection's remote address (never `X-Forwarded-For`).
    var clientAddress: IPAddress? { get }
    /// The protocols a TLS client offers by ALPN (TCP routing).
    var alpnProtocols: [String] { get }
}

extension RoutableRequest {
    public var routingPath: String { self.path }
    public var alpnProtocols: [String] { [] }
}
