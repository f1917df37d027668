/// Where a client puts its key or token (`keySource` of apiKey, `tokenSource` of
/// oAuthIntrospection): a header (with `headerAuthScheme` when it is `Authorization`), a query
/// parameter or a cookie. Each one set is looked at, in that order.
public struct TokenSource: Sendable, Equatable {
    public var header: String?
    /// `headerAuthScheme`: the scheme before the token (`Bearer`), matched without regard to case.
    public var headerAuthScheme: String?
    public var query: String?
    public var cookie: String?

    public init(header: String? = nil, headerAuthScheme: String? = nil, query: String? = nil, cookie: String? = nil) {
        self.header = header
        self.headerAuthScheme = headerAuthScheme
        self.query = query
        self.cookie = cookie
    }

    static func parse(_ node: ConfigNode?, key: String, parent: ConfigNode) throws(ConfigurationError) -> Self {
        guard let node else { throw parent.error("missing \(key): say where the client puts it (header, query or cookie)") }
        try node.requireKnownKeys(["header", "headerAuthScheme", "query", "cookie"])
        let source = Self(header: try node.child("header")?.string(), headerAuthScheme: try node.child("headerAuthScheme")?.string(),
                          query: try node.child("query")?.string(), cookie: try node.child("cookie")?.string())
        guard source.header != nil || source.query != nil || source.cookie != nil else {
            throw node.error("set at least one of \(key).header, \(key).query or \(key).cookie")
        }
        if source.headerAuthScheme != nil, source.header == nil, let scheme = try node.child("headerAuthScheme") {
            throw scheme.error("headerAuthScheme needs header (usually Authorization)")
        }
        return source
    }
}
