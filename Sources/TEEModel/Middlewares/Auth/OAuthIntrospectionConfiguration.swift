/// `plugin.oAuthIntrospection` (Traefik Hub's keys): each request's token (from `tokenSource`) is
/// sent to the authorization server's introspection endpoint (RFC 7662); an `active` answer lets
/// the request through, and its fields are the claims `claims` and `forwardHeaders` use.
public struct OAuthIntrospectionConfiguration: Sendable, Equatable {
    public var tokenSource: TokenSource
    /// `clientConfig.url`: the introspection endpoint.
    public var url: UpstreamURL
    public var path: String
    /// `clientConfig.headers`: sent with each introspection request (the server's client credentials, usually).
    public var headers: [(name: String, value: String)]
    /// `clientConfig.tokenTypeHint`.
    public var tokenTypeHint: String?
    public var clientConfig: AuthClientConfiguration
    public var forwardAuthorization: Bool
    public var policy: ClaimsPolicy

    public static func == (left: Self, right: Self) -> Bool {
        left.tokenSource == right.tokenSource && left.url == right.url && left.path == right.path
            && left.headers.map(\.name) == right.headers.map(\.name) && left.headers.map(\.value) == right.headers.map(\.value)
            && left.tokenTypeHint == right.tokenTypeHint && left.clientConfig == right.clientConfig
            && left.forwardAuthorization == right.forwardAuthorization && left.policy == right.policy
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["tokenSource", "clientConfig", "forwardAuthorization"] + ClaimsPolicy.keys)
        guard let client = try body.child("clientConfig"), let urlNode = try client.child("url") else {
            throw body.error("missing clientConfig.url: the introspection endpoint's URL")
        }
        let (url, path) = try AuthClientConfiguration.url(urlNode)
        var headers: [(name: String, value: String)] = []
        if let node = try client.child("headers") {
            for (name, value) in try node.entries() {
                guard HeaderSyntax.isValidName(name) else { throw value.error("'\(name)' is not a valid header name") }
                headers.append((name, try value.string()))
            }
        }
        return Self(tokenSource: try TokenSource.parse(try body.child("tokenSource"), key: "tokenSource", parent: body),
                    url: url, path: path, headers: headers, tokenTypeHint: try client.child("tokenTypeHint")?.string(),
                    clientConfig: try AuthClientConfiguration.parse(client, extraKeys: ["url", "headers", "tokenTypeHint"]),
                    forwardAuthorization: try body.child("forwardAuthorization")?.bool() ?? false,
                    policy: try ClaimsPolicy.parse(body))
    }
}
