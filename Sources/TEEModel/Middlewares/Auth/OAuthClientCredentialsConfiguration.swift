/// `plugin.oAuthClientCredentials` (Traefik Hub's keys): the proxy gets an access token from the
/// authorization server's token endpoint (`url`) with the client credentials grant (RFC 6749
/// §4.4) and forwards the request with it as `Authorization: Bearer`. The credentials are
/// `clientID` and `clientSecret` when set (gateway level), else the request's own
/// `Authorization: Basic` (application level). Tokens are kept until they expire.
public struct OAuthClientCredentialsConfiguration: Sendable, Equatable {
    public var url: UpstreamURL
    public var path: String
    public var clientID: String?
    public var clientSecret: String?
    /// `audience`, sent with the token request.
    public var audience: String?
    /// `scopes`, sent as `scope`.
    public var scopes: [String]
    public var clientConfig: AuthClientConfiguration
    public var policy: ClaimsPolicy

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["url", "clientID", "clientSecret", "clientSecretFile", "audience", "scopes", "clientConfig", "store"]
                                  + ClaimsPolicy.keys)
        if let store = try body.child("store") {
            throw store.error("a shared token store is not supported; remove store (each proxy keeps its tokens in memory until they expire)")
        }
        guard let urlNode = try body.child("url") else { throw body.error("missing url: the token endpoint's URL") }
        let (url, path) = try AuthClientConfiguration.url(urlNode)
        let clientID = try body.child("clientID")?.string()
        let clientSecret = try body.secret("clientSecret")
        if (clientID == nil) != (clientSecret == nil) {
            throw body.error("clientID and clientSecret go together (leave both out to use each request's Basic credentials)")
        }
        return Self(url: url, path: path, clientID: clientID, clientSecret: clientSecret,
                    audience: try body.child("audience")?.string(), scopes: try body.child("scopes")?.stringList() ?? [],
                    clientConfig: try AuthClientConfiguration.parse(try body.child("clientConfig")),
                    policy: try ClaimsPolicy.parse(body))
    }
}
