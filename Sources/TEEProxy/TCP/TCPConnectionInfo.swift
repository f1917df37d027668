public import TEEModel

/// What TCP routers look at in a connection: the TLS server name and ALPN offers (when the
/// client speaks TLS) and the client's address.
public struct TCPConnectionInfo: RoutableRequest, Sendable {
    /// The server name from the ClientHello, lower-cased; empty without TLS or SNI.
    public let host: String
    public let clientAddress: IPAddress?
    public let alpnProtocols: [String]
    /// Whether the connection starts with a TLS ClientHello.
    public let isTLS: Bool

    public init(serverName: String?, clientAddress: IPAddress?, alpnProtocols: [String], isTLS: Bool) {
        self.host = serverName ?? ""
        self.clientAddress = clientAddress
        self.alpnProtocols = alpnProtocols
        self.isTLS = isTLS
    }

    public var path: String { "" }
    public var method: String { "" }
    public func headerValues(_ name: String) -> [String] { [] }
    public func queryValues(_ key: String) -> [String] { [] }
}
