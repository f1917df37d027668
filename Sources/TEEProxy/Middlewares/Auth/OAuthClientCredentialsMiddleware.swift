import Crypto
import Foundation
import NIOCore
import NIOHTTP1
public import TEEModel

/// `plugin.oAuthClientCredentials`: gets an access token from the token endpoint with the client
/// credentials grant (RFC 6749 §4.4; the credentials in HTTP Basic) — `clientID`/`clientSecret`
/// when set, else the request's own `Authorization: Basic` — and forwards the request with
/// `Authorization: Bearer <token>`. Tokens are kept until shortly before `expires_in`. Credentials
/// the server refuses get 401; a server that cannot be asked 503. For a JWT-formatted token,
/// `claims`, `forwardHeaders` and `usernameClaim` use its claims.
public struct OAuthClientCredentialsMiddleware: RequestMiddleware {
    private let configuration: OAuthClientCredentialsConfiguration
    private let provider: IdentityProviderClient
    private let enforcer: ClaimsEnforcer
    /// Access tokens by a digest of the credentials that got them.
    private let tokens = BoundedCache<Data, AccessToken>(capacity: 10_000)
    /// A token is not used in its last seconds, so it does not expire on its way to the server.
    static let expiryMargin = Duration.seconds(10)

    public init(_ configuration: OAuthClientCredentialsConfiguration) {
        self.configuration = configuration
        self.provider = IdentityProviderClient(url: configuration.url, path: configuration.path, settings: configuration.clientConfig)
        self.enforcer = ClaimsEnforcer(policy: configuration.policy)
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        guard let (clientID, clientSecret) = self.credentials(of: request) else {
            return AuthAnswer.unauthorized(challenge: "Basic realm=\"tee\"")
        }
        let key = Data(SHA256.hash(data: Data("\(clientID)\u{0}\(clientSecret)".utf8)))
        if let token = self.tokens.value(for: key) { return self.forward(&request, with: token) }
        var fields = [("grant_type", "client_credentials")]
        if let audience = self.configuration.audience { fields.append(("audience", audience)) }
        if !self.configuration.scopes.isEmpty { fields.append(("scope", self.configuration.scopes.joined(separator: " "))) }
        var headers = HTTPHeaders()
        let basic = "\(IdentityProviderClient.formEncode(clientID)):\(IdentityProviderClient.formEncode(clientSecret))"
        headers.add(name: "Authorization", value: "Basic " + Data(basic.utf8).base64EncodedString())
        return .suspend(MiddlewareSuspension { [self, fields, headers] request, context in
            self.provider.postForm(fields, headers: headers, context: context).map { response -> (ProxyRequest, MiddlewareOutcome) in
                if response.head.status == .badRequest || response.head.status == .unauthorized {
                    return (request, AuthAnswer.unauthorized(challenge: "Basic realm=\"tee\""))
                }
                guard response.head.status == .ok, let token = Self.token(from: response.body) else {
                    return (request, AuthAnswer.providerUnavailable)
                }
                self.tokens.insert(token, for: key, expires: token.expires)
                var request = request
                let outcome = self.forward(&request, with: token)
                return (request, outcome)
            }.recover { _ in (request, AuthAnswer.providerUnavailable) }
        })
    }

    private func forward(_ request: inout ProxyRequest, with token: AccessToken) -> MiddlewareOutcome {
        let outcome = self.enforcer.apply(token.claims, to: &request)
        request.head.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token.value)")
        return outcome
    }

    /// The configured credentials, else the request's `Authorization: Basic` ones.
    private func credentials(of request: ProxyRequest) -> (String, String)? {
        if let id = self.configuration.clientID, let secret = self.configuration.clientSecret { return (id, secret) }
        return BasicAuthMiddleware.credentials(request.head.headers.first(name: "authorization"))
    }

    /// The token of a token endpoint's answer (`access_token`, `expires_in`), with its claims when it is a JWT.
    static func token(from body: ByteBuffer) -> AccessToken? {
        guard let answer = try? JSONDecoder().decode(ClaimValue.self, from: Data(body.readableBytesView)),
              case .string(let value)? = answer.value(at: ["access_token"]), !value.isEmpty else { return nil }
        let lifetime = answer.value(at: ["expires_in"])?.number ?? 300
        var claims = ClaimValue.object([:])
        // The token comes straight from the server over the connection the proxy opened, so its payload is read as sent.
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 3, let payload = Base64URL.decode(String(parts[1])),
           let decoded = try? JSONDecoder().decode(ClaimValue.self, from: Data(payload)) {
            claims = decoded
        }
        let expires = ContinuousClock.now + .milliseconds(Int64(lifetime * 1000)) - Self.expiryMargin
        return AccessToken(value: value, claims: claims, expires: expires)
    }
}
