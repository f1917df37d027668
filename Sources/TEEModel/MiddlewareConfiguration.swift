/// `http.middlewares.<name>`: one middleware with its type's settings.
public enum MiddlewareConfiguration: Sendable, Equatable {
    /// `addPrefix.prefix`.
    case addPrefix(prefix: String)
    /// `stripPrefix.prefixes`.
    case stripPrefix(prefixes: [String])
    case stripPrefixRegex(StripPrefixRegexConfiguration)
    case replacePath(ReplacePathConfiguration)
    case replacePathRegex(ReplacePathRegexConfiguration)
    case headers(HeadersConfiguration)
    /// `redirectScheme`.
    case redirectScheme(scheme: String, port: String?, permanent: Bool)
    case redirectRegex(RedirectRegexConfiguration)
    /// `basicAuth`.
    case basicAuth(users: [String], realm: String, headerField: String?, removeHeader: Bool)
    case ipAllowList(IPAllowListConfiguration)
    case rateLimit(RateLimitConfiguration)
    case inFlightReq(InFlightReqConfiguration)
    case retry(RetryConfiguration)
    case circuitBreaker(CircuitBreakerConfiguration)
    case forwardAuth(ForwardAuthConfiguration)
    case compress(CompressConfiguration)
    case digestAuth(DigestAuthConfiguration)
    case errors(ErrorsConfiguration)
    case passTLSClientCert(PassTLSClientCertConfiguration)
    case buffering(BufferingConfiguration)
    /// `contentType`: `autoDetect` (true unless set to false).
    case contentType(autoDetect: Bool)
    /// `chain.middlewares`.
    case chain(middlewares: [String])
    /// `plugin.jwt`.
    case jwt(JWTConfiguration)
    /// `plugin.apiKey`.
    case apiKey(APIKeyConfiguration)
    /// `plugin.hmac`.
    case hmac(HMACConfiguration)
    /// `plugin.oAuthIntrospection`.
    case oAuthIntrospection(OAuthIntrospectionConfiguration)
    /// `plugin.oAuthClientCredentials`.
    case oAuthClientCredentials(OAuthClientCredentialsConfiguration)
    /// `plugin.ldap`.
    case ldap(LDAPConfiguration)
    /// `plugin.oidc`.
    case oidc(OIDCConfiguration)
    /// `plugin.distributedRateLimit`.
    case distributedRateLimit(DistributedRateLimitConfiguration)

    /// The type's name as Traefik's API shows it (the key, lower-cased).
    public var typeName: String {
        switch self {
        case .addPrefix: "addprefix"
        case .stripPrefix: "stripprefix"
        case .stripPrefixRegex: "stripprefixregex"
        case .replacePath: "replacepath"
        case .replacePathRegex: "replacepathregex"
        case .headers: "headers"
        case .redirectScheme: "redirectscheme"
        case .redirectRegex: "redirectregex"
        case .basicAuth: "basicauth"
        case .ipAllowList: "ipallowlist"
        case .rateLimit: "ratelimit"
        case .inFlightReq: "inflightreq"
        case .retry: "retry"
        case .circuitBreaker: "circuitbreaker"
        case .forwardAuth: "forwardauth"
        case .compress: "compress"
        case .digestAuth: "digestauth"
        case .errors: "errors"
        case .passTLSClientCert: "passtlsclientcert"
        case .buffering: "buffering"
        case .contentType: "contenttype"
        case .chain: "chain"
        case .jwt: "jwt"
        case .apiKey: "apikey"
        case .hmac: "hmac"
        case .oAuthIntrospection: "oauthintrospection"
        case .oAuthClientCredentials: "oauthclientcredentials"
        case .ldap: "ldap"
        case .oidc: "oidc"
        case .distributedRateLimit: "distributedratelimit"
        }
    }

    /// The name of the type's spans in detailed traces: the key with a capital (`StripPrefix`), as Traefik names them.
    public var spanName: String {
        let key = (Self.supportedTypes + Self.pluginTypes).first { $0.lowercased() == self.typeName } ?? self.typeName
        return key.prefix(1).uppercased() + key.dropFirst()
    }

    /// The middleware types tee reads, by their key.
    static let supportedTypes = [
        "addPrefix", "stripPrefix", "stripPrefixRegex", "replacePath", "replacePathRegex", "headers", "redirectScheme",
        "redirectRegex", "basicAuth", "ipAllowList", "rateLimit", "inFlightReq", "retry", "circuitBreaker", "forwardAuth", "compress", "digestAuth", "errors", "passTLSClientCert", "buffering", "contentType", "chain",
    ]

    /// The types tee reads under `plugin` (Traefik Hub's middlewares), by their key.
    static let pluginTypes = ["jwt", "apiKey", "hmac", "oAuthIntrospection", "oAuthClientCredentials", "ldap", "oidc", "distributedRateLimit"]
}
