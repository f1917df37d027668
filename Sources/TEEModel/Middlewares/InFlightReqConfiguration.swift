/// `inFlightReq`: at most `amount` requests in progress per source; the rest get 429.
public struct InFlightReqConfiguration: Sendable, Equatable {
    public var amount: Int
    public var sourceCriterion: SourceCriterionConfiguration

    public init(amount: Int, sourceCriterion: SourceCriterionConfiguration = .remoteAddress) {
        self.amount = amount
        self.sourceCriterion = sourceCriterion
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["amount", "sourceCriterion"])
        guard let amount = try body.child("amount") else { throw body.error("missing amount: the most requests in progress per source") }
        return Self(amount: try amount.int(atLeast: 1), sourceCriterion: try SourceCriterionConfiguration.parse(body.child("sourceCriterion")))
    }
}
