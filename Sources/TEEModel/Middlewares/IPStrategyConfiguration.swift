/// `ipStrategy`: which address counts as the client's, for `ipAllowList`, `rateLimit` and `inFlightReq`.
public struct IPStrategyConfiguration: Sendable, Equatable {
    /// `depth`: the address this many places from the right of `X-Forwarded-For` (0: not used).
    public var depth: Int
    /// `excludedIPs`: the rightmost `X-Forwarded-For` address not in these ranges.
    public var excludedIPs: [IPNetwork]

    public init(depth: Int = 0, excludedIPs: [IPNetwork] = []) {
        self.depth = depth
        self.excludedIPs = excludedIPs
    }

    static func parse(_ node: ConfigNode) throws(ConfigurationError) -> Self {
        try node.requireKnownKeys(["depth", "excludedIPs", "ipv6Subnet"])
        return Self(depth: try node.child("depth")?.int(atLeast: 0) ?? 0,
                    excludedIPs: try node.child("excludedIPs")?.networks() ?? [])
    }
}
