/// `ipStrategy`: which address counts as the client's, for `ipAllowList`, `rateLimit` and `inFlightReq`.
public struct IPStrategyConfiguration: Sendable, Equatable {
    /// `depth`: the address this many places from the right of `X-Forwarded-For` (0: not used).
    public var depth: Int
    /// `excludedIPs`: the rightmost `X-Forwarded-For` address not in these ranges.
    public var excludedIPs: [IPNetwork]
    /// `ipv6Subnet`: IPv6 clients count as their whole subnet of this prefix length (0: the address itself).
    public var ipv6Subnet: Int

    public init(depth: Int = 0, excludedIPs: [IPNetwork] = [], ipv6Subnet: Int = 0) {
        self.depth = depth
        self.excludedIPs = excludedIPs
        self.ipv6Subnet = ipv6Subnet
    }

    static func parse(_ node: ConfigNode) throws(ConfigurationError) -> Self {
        try node.requireKnownKeys(["depth", "excludedIPs", "ipv6Subnet"])
        let subnet = try node.child("ipv6Subnet")?.int(atLeast: 0) ?? 0
        if subnet > 128, let subnetNode = try node.child("ipv6Subnet") { throw subnetNode.error("ipv6Subnet is a prefix length, 1 to 128") }
        return Self(depth: try node.child("depth")?.int(atLeast: 0) ?? 0,
                    excludedIPs: try node.child("excludedIPs")?.networks() ?? [], ipv6Subnet: subnet)
    }
}
