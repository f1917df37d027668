/// `http.middlewares.<name>`: one middleware with its type's settings.
public enum MiddlewareConfiguration: Sendable, Equatable {
    /// `addPrefix.prefix`.
    case addPrefix(prefix: String)
    /// `stripPrefix.prefixes`.
    case stripPrefix(prefixes: [String])
    /// `headers.customRequestHeaders` / `customResponseHeaders`; an empty value removes the header.
    case headers(request: [(String, String)], response: [(String, String)])
    /// `redirectScheme`.
    case redirectScheme(scheme: String, port: String?, permanent: Bool)
    /// `basicAuth`.
    case basicAuth(users: [String], realm: String, headerField: String?, removeHeader: Bool)
    /// `chain.middlewares`.
    case chain(middlewares: [String])

    public static func == (lhs: MiddlewareConfiguration, rhs: MiddlewareConfiguration) -> Bool {
        switch (lhs, rhs) {
        case (.addPrefix(let a), .addPrefix(let b)): a == b
        case (.stripPrefix(let a), .stripPrefix(let b)): a == b
        case (.headers(let a, let b), .headers(let c, let d)):
            a.elementsEqual(c, by: ==) && b.elementsEqual(d, by: ==)
        case (.redirectScheme(let a, let b, let c), .redirectScheme(let d, let e, let f)): a == d && b == e && c == f
        case (.basicAuth(let a, let b, let c, let d), .basicAuth(let e, let f, let g, let h)): a == e && b == f && c == g && d == h
        case (.chain(let a), .chain(let b)): a == b
        default: false
        }
    }
}
