/// What the token middlewares (jwt, oAuthIntrospection, oAuthClientCredentials) do with a
/// token's claims: `claims` must hold, `forwardHeaders` copies claims onto the request, and
/// `usernameClaim` names the client in the access log.
public struct ClaimsPolicy: Sendable, Equatable {
    public var claims: ClaimsExpression?
    /// Header name → claim path; a claim the token lacks gives an empty header.
    public var forwardHeaders: [(header: String, claim: [String])]
    public var usernameClaim: [String]?

    public init(claims: ClaimsExpression? = nil, forwardHeaders: [(header: String, claim: [String])] = [], usernameClaim: [String]? = nil) {
        self.claims = claims
        self.forwardHeaders = forwardHeaders
        self.usernameClaim = usernameClaim
    }

    public static func == (left: Self, right: Self) -> Bool {
        left.claims == right.claims && left.usernameClaim == right.usernameClaim
            && left.forwardHeaders.map(\.header) == right.forwardHeaders.map(\.header)
            && left.forwardHeaders.map(\.claim) == right.forwardHeaders.map(\.claim)
    }

    /// The policy's keys, for `requireKnownKeys`.
    static let keys = ["claims", "forwardHeaders", "usernameClaim"]

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        var policy = Self()
        if let node = try body.child("claims") {
            let text = try node.string()
            do {
                policy.claims = try ClaimsExpression.parse(text)
            } catch {
                throw node.error("\(error.description); write conditions such as Equals(`grp`, `admin`) && Contains(`scope`, `read`)")
            }
        }
        if let node = try body.child("forwardHeaders") {
            for (header, claim) in try node.entries() {
                guard HeaderSyntax.isValidName(header) else { throw claim.error("'\(header)' is not a valid header name") }
                policy.forwardHeaders.append((header, ClaimsExpression.path(try claim.string())))
            }
        }
        policy.usernameClaim = try body.child("usernameClaim").map { (node) throws(ConfigurationError) in ClaimsExpression.path(try node.string()) }
        return policy
    }
}
