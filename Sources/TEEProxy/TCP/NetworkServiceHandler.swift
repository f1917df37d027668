public import TEEModel
import Synchronization

/// A TCP or UDP service: picks the server for a new connection (or UDP session).
public protocol NetworkServiceHandler: Sendable {
    func select() -> NetworkServerSelection?
}

/// The server chosen for a connection.
public struct NetworkServerSelection: Sendable {
    public let address: NetworkAddress
    /// `proxyProtocol.version`: send a PROXY protocol header first.
    public let proxyProtocolVersion: Int?
}

/// `loadBalancer`: smooth weighted round robin over server addresses.
public final class NetworkLoadBalancer: NetworkServiceHandler {
    private let servers: [NetworkServiceConfiguration.Server]
    private let proxyProtocolVersion: Int?
    private let rotation: Mutex<SmoothWeightedRoundRobin>

    public init(servers: [NetworkServiceConfiguration.Server], proxyProtocolVersion: Int?) {
        self.servers = servers
        self.proxyProtocolVersion = proxyProtocolVersion
        self.rotation = Mutex(SmoothWeightedRoundRobin(weights: servers.map(\.weight)))
    }

    public func select() -> NetworkServerSelection? {
        guard let index = self.rotation.withLock({ $0.next() }) else { return nil }
        return NetworkServerSelection(address: self.servers[index].address, proxyProtocolVersion: self.proxyProtocolVersion)
    }
}

/// `weighted`: splits connections across services by weight.
public final class NetworkWeightedService: NetworkServiceHandler {
    private let children: [any NetworkServiceHandler]
    private let rotation: Mutex<SmoothWeightedRoundRobin>

    public init(children: [(handler: any NetworkServiceHandler, weight: Int)]) {
        self.children = children.map(\.handler)
        self.rotation = Mutex(SmoothWeightedRoundRobin(weights: children.map(\.weight)))
    }

    public func select() -> NetworkServerSelection? {
        guard let index = self.rotation.withLock({ $0.next() }) else { return nil }
        return self.children[index].select()
    }
}
