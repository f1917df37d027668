import NIOHTTP1
import TEEModel

/// Finds the key or token a client sent, where a middleware's ``TokenSource`` says to look.
enum RequestCredential {
    /// The first credential found: the header (after its scheme, when one is set), then the
    /// query parameter, then the cookie.
    static func find(in request: ProxyRequest, source: TokenSource) -> String? {
        if let header = source.header, let value = request.head.headers.first(name: header) {
            if let scheme = source.headerAuthScheme {
                if let token = self.afterScheme(scheme, in: value) { return token }
            } else if !value.isEmpty {
                return value
            }
        }
        if let query = source.query, let value = request.queryValues(query).first, !value.isEmpty { return value }
        if let cookie = source.cookie, let value = CookieHeader.value(named: cookie, in: request.head.headers["cookie"]), !value.isEmpty { return value }
        return nil
    }

    /// `Authorization: Bearer TOKEN`'s token.
    static func bearer(in headers: HTTPHeaders) -> String? {
        headers.first(name: "authorization").flatMap { self.afterScheme("Bearer", in: $0) }
    }

    /// What follows `scheme` and a space in an authorization value (the scheme in any case).
    static func afterScheme(_ scheme: String, in value: String) -> String? {
        guard value.count > scheme.count, value.prefix(scheme.count).lowercased() == scheme.lowercased(),
              value.dropFirst(scheme.count).first == " " else { return nil }
        let token = value.dropFirst(scheme.count + 1).trimmingSpaces()
        return token.isEmpty ? nil : String(token)
    }

    /// Removes the credential from where it was found (a header), so the server behind does not get it.
    static func remove(from request: inout ProxyRequest, source: TokenSource) {
        if let header = source.header { request.head.headers.remove(name: header) }
    }
}
