/// `tcp.services.<name>` and `udp.services.<name>`: a load balancer over server addresses, or a
/// weighted split across other services.
public enum NetworkServiceConfiguration: Sendable, Equatable {
    /// One server and its weight.
    public struct Server: Sendable, Equatable {
        public var address: NetworkAddress
        public var weight: Int

        public init(address: NetworkAddress, weight: Int = 1) {
            self.address = address
            self.weight = weight
        }
    }

    /// `loadBalancer.servers[].address`, with `proxyProtocol.version` (TCP only).
    case loadBalancer(servers: [Server], proxyProtocolVersion: Int?)
    /// `weighted.services[]`.
    case weighted(services: [HTTPServiceConfiguration.WeightedService])
}
