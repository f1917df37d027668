/// `plugin.oidc` (Traefik Hub's keys): users without a session are sent to the OpenID Connect
/// provider at `issuer` (authorization code flow, PKCE with `pkce`), come back to `redirectUrl`,
/// and get an encrypted session cookie holding their ID token's claims (refreshed with the
/// refresh token when they expire); `claims`, `forwardHeaders` and `usernameClaim` use them.
public struct OIDCConfiguration: Sendable, Equatable {
    /// A cookie's attributes (`stateCookie`, `session`). A nil name means `<middleware>-state` / `-session`.
    public struct Cookie: Sendable, Equatable {
        public var name: String?
        public var path = "/"
        public var domain: String?
        public var maxAge: Int
        public var sameSite = "lax"
        public var httpOnly = true
        public var secure = false
    }

    public var issuer: String
    public var issuerURL: UpstreamURL
    public var issuerPath: String
    public var redirectURL: String
    public var clientID: String
    public var clientSecret: String
    public var pkce: Bool
    public var scopes: [String]
    public var discoveryParams: [(String, String)]
    public var authParams: [(String, String)]
    public var disableLogin: Bool
    public var loginURL: String?
    public var logoutURL: String?
    public var postLoginRedirectURL: String?
    public var postLogoutRedirectURL: String?
    public var stateCookie: Cookie
    /// `session`: the cookie, `maxAge` being `session.expiry`.
    public var session: Cookie
    public var sessionSliding: Bool
    public var sessionRefresh: Bool
    /// `session.secret` (tee's key): what the session cookies are encrypted with; derived from the client secret when unset.
    public var sessionSecret: String?
    /// `csrf`: unsafe requests must echo the session's CSRF cookie in `headerName`.
    public var csrf: (headerName: String, secure: Bool)?
    public var clientConfig: AuthClientConfiguration
    public var policy: ClaimsPolicy

    public static func == (left: Self, right: Self) -> Bool {
        left.issuer == right.issuer && left.redirectURL == right.redirectURL && left.clientID == right.clientID
            && left.clientSecret == right.clientSecret && left.pkce == right.pkce && left.scopes == right.scopes
            && left.discoveryParams.map(\.0) == right.discoveryParams.map(\.0) && left.discoveryParams.map(\.1) == right.discoveryParams.map(\.1)
            && left.authParams.map(\.0) == right.authParams.map(\.0) && left.authParams.map(\.1) == right.authParams.map(\.1)
            && left.disableLogin == right.disableLogin && left.loginURL == right.loginURL && left.logoutURL == right.logoutURL
            && left.postLoginRedirectURL == right.postLoginRedirectURL && left.postLogoutRedirectURL == right.postLogoutRedirectURL
            && left.stateCookie == right.stateCookie && left.session == right.session && left.sessionSliding == right.sessionSliding
            && left.sessionRefresh == right.sessionRefresh && left.sessionSecret == right.sessionSecret
            && left.csrf?.headerName == right.csrf?.headerName && left.csrf?.secure == right.csrf?.secure
            && left.clientConfig == right.clientConfig && left.policy == right.policy
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["issuer", "redirectUrl", "clientID", "clientSecret", "clientSecretFile", "pkce", "discoveryParams",
                                   "scopes", "authParams", "disableLogin", "loginUrl", "logoutUrl", "postLoginRedirectUrl",
                                   "postLogoutRedirectUrl", "backchannelLogoutUrl", "backchannelLogoutSessionsRequired", "stateCookie",
                                   "session", "csrf", "clientConfig"] + ClaimsPolicy.keys)
        guard let issuerNode = try body.child("issuer") else { throw body.error("missing issuer: the provider's URL, such as https://accounts.google.com") }
        let issuer = try issuerNode.string()
        let (issuerURL, issuerPath) = try AuthClientConfiguration.url(issuerNode)
        guard let redirect = try body.child("redirectUrl")?.string(), !redirect.isEmpty else {
            throw body.error("missing redirectUrl: where the provider sends users back, such as /oauth2/callback")
        }
        guard let clientID = try body.child("clientID")?.string(), let clientSecret = try body.secret("clientSecret") else {
            throw body.error("clientID and clientSecret (or clientSecretFile) are needed: the client registered at the provider")
        }
        if let node = try body.child("backchannelLogoutUrl") { throw node.error("back-channel logout is not supported; remove backchannelLogoutUrl") }
        let scopes = try body.child("scopes")?.stringList() ?? ["openid"]
        if !scopes.contains("openid"), let node = try body.child("scopes") { throw node.error("scopes must include openid") }
        func pairs(_ key: String) throws(ConfigurationError) -> [(String, String)] {
            guard let node = try body.child(key) else { return [] }
            var result: [(String, String)] = []
            for (name, value) in try node.entries() { result.append((name, try value.string())) }
            return result
        }
        func url(_ key: String) throws(ConfigurationError) -> String? {
            guard let node = try body.child(key) else { return nil }
            let text = try node.string()
            let lower = text.lowercased()
            if lower.contains("://") && !lower.hasPrefix("http://") && !lower.hasPrefix("https://") {
                throw node.error("'\(text)' is not a path, host/path or http(s) URL")
            }
            return text.isEmpty ? nil : text
        }
        var session = try Self.cookie(try body.child("session"), maxAge: 86_400, extraKeys: ["expiry", "sliding", "refresh", "store", "secret", "secretFile"])
        var sliding = true, refresh = true
        var sessionSecret: String?
        if let node = try body.child("session") {
            if let store = try node.child("store") { throw store.error("a shared session store is not supported; sessions live in the encrypted cookie") }
            if let expiry = try node.child("expiry") {
                session.maxAge = try expiry.int(atLeast: 1)
            }
            sliding = try node.child("sliding")?.bool() ?? true
            refresh = try node.child("refresh")?.bool() ?? true
            sessionSecret = try node.secret("secret")
            if let secret = sessionSecret, secret.utf8.count < 32 {
                let secretNode = try node.child("secret")
                throw (secretNode ?? node).error("session.secret needs at least 32 characters")
            }
        }
        var csrf: (String, Bool)?
        if let node = try body.child("csrf") {
            try node.requireKnownKeys(["secure", "headerName"])
            csrf = (try node.child("headerName")?.string() ?? "TraefikHub-Csrf-Token", try node.child("secure")?.bool() ?? false)
        }
        return Self(issuer: issuer, issuerURL: issuerURL, issuerPath: issuerPath, redirectURL: redirect, clientID: clientID, clientSecret: clientSecret,
                    pkce: try body.child("pkce")?.bool() ?? false, scopes: scopes, discoveryParams: try pairs("discoveryParams"),
                    authParams: try pairs("authParams"), disableLogin: try body.child("disableLogin")?.bool() ?? false,
                    loginURL: try url("loginUrl"), logoutURL: try url("logoutUrl"), postLoginRedirectURL: try url("postLoginRedirectUrl"),
                    postLogoutRedirectURL: try url("postLogoutRedirectUrl"),
                    stateCookie: try Self.cookie(try body.child("stateCookie"), maxAge: 600, extraKeys: []),
                    session: session, sessionSliding: sliding, sessionRefresh: refresh, sessionSecret: sessionSecret, csrf: csrf,
                    clientConfig: try AuthClientConfiguration.parse(try body.child("clientConfig")), policy: try ClaimsPolicy.parse(body))
    }

    private static func cookie(_ node: ConfigNode?, maxAge: Int, extraKeys: [String]) throws(ConfigurationError) -> Cookie {
        var cookie = Cookie(maxAge: maxAge)
        guard let node else { return cookie }
        try node.requireKnownKeys(["name", "path", "domain", "maxAge", "sameSite", "httpOnly", "secure"] + extraKeys)
        if let name = try node.child("name") {
            let text = try name.string()
            guard HeaderSyntax.isValidName(text) else { throw name.error("'\(text)' is not a valid cookie name") }
            cookie.name = text
        }
        cookie.path = try node.child("path")?.string() ?? "/"
        cookie.domain = try node.child("domain")?.string()
        cookie.maxAge = try node.child("maxAge")?.int() ?? maxAge
        if let sameSite = try node.child("sameSite") {
            let text = try sameSite.string().lowercased()
            guard ["none", "lax", "strict"].contains(text) else { throw sameSite.error("sameSite is none, lax or strict") }
            cookie.sameSite = text
        }
        cookie.httpOnly = try node.child("httpOnly")?.bool() ?? true
        cookie.secure = try node.child("secure")?.bool() ?? false
        return cookie
    }
}
