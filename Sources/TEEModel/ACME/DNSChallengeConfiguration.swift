/// `certificatesResolvers.NAME.acme.dnsChallenge`.
public struct DNSChallengeConfiguration: Sendable, Equatable {
    /// `provider`: tee speaks `rfc2136` (dynamic DNS updates, as lego's provider of that name).
    public var provider: String
    /// `resolvers`: `host:port` of the DNS servers asked whether the TXT record is visible.
    public var resolvers: [String]
    /// `propagation.delayBeforeChecks` (or the older `delayBeforeCheck`): wait this long after the update.
    public var delayBeforeChecks: Duration
    /// `propagation.disableChecks` (or `disablePropagationCheck`): do not wait for the record to be visible.
    public var disableChecks: Bool

    public init(provider: String, resolvers: [String] = [], delayBeforeChecks: Duration = .zero, disableChecks: Bool = false) {
        self.provider = provider
        self.resolvers = resolvers
        self.delayBeforeChecks = delayBeforeChecks
        self.disableChecks = disableChecks
    }
}
