/// `http.services.<name>`: where a router sends its requests.
public enum HTTPServiceConfiguration: Sendable, Equatable {
    /// `loadBalancer`: a set of servers.
    case loadBalancer(LoadBalancerConfiguration)
    /// `weighted`: traffic split across services by weight.
    case weighted(services: [WeightedService], sticky: StickyCookieConfiguration?)
    /// `mirroring`: the main service answers; copies go to mirrors.
    case mirroring(service: String, mirrors: [Mirror], mirrorBody: Bool, maxBodySize: Int?)
    /// `failover`: the fallback answers while the main service has no healthy server.
    case failover(service: String, fallback: String)

    /// A service and its weight inside `weighted.services`.
    public struct WeightedService: Sendable, Equatable {
        public var name: String
        public var weight: Int

        public init(name: String, weight: Int) {
            self.name = name
            self.weight = weight
        }
    }

    /// A mirror inside `mirroring.mirrors`.
    public struct Mirror: Sendable, Equatable {
        public var name: String
        /// Share of requests copied, 0…100.
        public var percent: Int

        public init(name: String, percent: Int) {
            self.name = name
            self.percent = percent
        }
    }

}
