import Foundation
import NIOCore
import NIOHTTP1
public import TEEModel

/// `plugin.oAuthIntrospection`: sends each request's token (from `tokenSource`) to the
/// introspection endpoint (RFC 7662: a form POST of `token` and `token_type_hint`, with
/// `clientConfig.headers`). An answer with `"active": true` lets the request through, its fields
/// being the claims `claims`, `forwardHeaders` and `usernameClaim` use; an inactive token gets
/// 401, and an endpoint that cannot be asked (or does not answer 200) 503.
public struct OAuthIntrospectionMiddleware: RequestMiddleware {
    private let configuration: OAuthIntrospectionConfiguration
    private let provider: IdentityProviderClient
    private let enforcer: ClaimsEnforcer

    public init(_ configuration: OAuthIntrospectionConfiguration) {
        self.configuration = configuration
        self.provider = IdentityProviderClient(url: configuration.url, path: configuration.path, settings: configuration.clientConfig)
        self.enforcer = ClaimsEnforcer(policy: configuration.policy)
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        guard let token = RequestCredential.find(in: request, source: self.configuration.tokenSource) else {
            return AuthAnswer.unauthorized(challenge: "Bearer")
        }
        var fields = [("token", token)]
        if let hint = self.configuration.tokenTypeHint { fields.append(("token_type_hint", hint)) }
        var headers = HTTPHeaders()
        for (name, value) in self.configuration.headers { headers.add(name: name, value: value) }
        return .suspend(MiddlewareSuspension { [self, fields, headers] request, context in
            self.provider.postForm(fields, headers: headers, context: context).map { response -> (ProxyRequest, MiddlewareOutcome) in
                guard response.head.status == .ok,
                      let claims = try? JSONDecoder().decode(ClaimValue.self, from: Data(response.body.readableBytesView)) else {
                    return (request, AuthAnswer.providerUnavailable)
                }
                guard claims.value(at: ["active"]) == .bool(true) else {
                    return (request, AuthAnswer.unauthorized(challenge: "Bearer error=\"invalid_token\""))
                }
                var request = request
                let outcome = self.enforcer.apply(claims, to: &request)
                if !self.configuration.forwardAuthorization { RequestCredential.remove(from: &request, source: self.configuration.tokenSource) }
                return (request, outcome)
            }.recover { _ in (request, AuthAnswer.providerUnavailable) }
        })
    }
}
