/// `ipAllowList`: only clients from these ranges get through; the rest get `rejectStatusCode` (403).
public struct IPAllowListConfiguration: Sendable, Equatable {
    public var sourceRange: [IPNetwork]
    public var ipStrategy: IPStrategyConfiguration
    public var rejectStatusCode: Int

    public init(sourceRange: [IPNetwork], ipStrategy: IPStrategyConfiguration = IPStrategyConfiguration(), rejectStatusCode: Int = 403) {
        self.sourceRange = sourceRange
        self.ipStrategy = ipStrategy
        self.rejectStatusCode = rejectStatusCode
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["sourceRange", "ipStrategy", "rejectStatusCode"])
        guard let range = try body.child("sourceRange") else { throw body.error("missing sourceRange: the allowed IP ranges") }
        let networks = try range.networks()
        guard !networks.isEmpty else { throw range.error("needs at least one IP address or range") }
        return Self(sourceRange: networks,
                    ipStrategy: try body.child("ipStrategy").map(IPStrategyConfiguration.parse) ?? IPStrategyConfiguration(),
                    rejectStatusCode: try body.child("rejectStatusCode")?.statusCode() ?? 403)
    }
}
