import JWTKit
import NIOCore
import NIOHTTP1
public import TEEModel

/// `plugin.jwt`: lets through requests with a valid JSON Web Token (`Authorization: Bearer`,
/// else the `tokenKey` query parameter), verified with jwt-kit against `signingSecret`,
/// `publicKey`, `jwksFile` or `jwksUrl`, and in time (`exp`, `nbf`, `iat`). No or a bad token gets
/// 401, claims that do not satisfy `claims` 403, and a `jwksUrl` that cannot be fetched (with no
/// set kept from before) 503.
public struct JWTMiddleware: RequestMiddleware {
    private enum Keys: Sendable {
        case fixed(JWTStaticKey)
        case set(JWKSCache)
    }

    private let configuration: JWTConfiguration
    private let keys: Keys
    private let enforcer: ClaimsEnforcer

    public init(_ configuration: JWTConfiguration) throws {
        self.configuration = configuration
        self.enforcer = ClaimsEnforcer(policy: configuration.policy)
        switch configuration.keySource {
        case .signingSecret(let secret):
            guard secret.count >= 32 else {
                throw MiddlewareBuildError("signingSecret is \(secret.count) bytes; HS256 needs at least 32 (RFC 7518 §3.2): make one with openssl rand -base64 48")
            }
            self.keys = .fixed(.secret(HMACKey(from: secret), bytes: secret.count))
        case .publicKey(let pem):
            self.keys = .fixed(try JWTStaticKey.publicKey(pem: pem))
        case .jwks(let json):
            do {
                self.keys = .set(try JWKSCache(json: json))
            } catch {
                throw MiddlewareBuildError("jwksFile is not a JWK set ({\"keys\": [...]}): \(error)")
            }
        case .jwksURL(let url, let path):
            self.keys = .set(JWKSCache(provider: IdentityProviderClient(url: url, path: path, settings: configuration.clientConfig)))
        }
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let fromHeader = RequestCredential.bearer(in: request.head.headers)
        guard let token = fromHeader ?? self.configuration.tokenKey.flatMap({ request.queryValues($0).first }),
              let header = JWTHeaderFields(token: token) else {
            return AuthAnswer.unauthorized(challenge: "Bearer")
        }
        let keys = self.keys
        let requiresIssuer: Bool
        if case .jwksURL = self.configuration.keySource { requiresIssuer = true } else { requiresIssuer = false }
        return .suspend(MiddlewareSuspension { [self] request, context in
            let verified: EventLoopFuture<JWTClaims?>
            switch keys {
            case .fixed(let key):
                verified = context.eventLoop.makeFutureWithTask {
                    guard let collection = await key.collection(for: header.algorithm) else { return nil }
                    return try? await collection.verify(token, as: JWTClaims.self)
                }
            case .set(let cache):
                verified = cache.keys(for: header.keyID, context: context).flatMap { keys in
                    // A token that names a key the set lacks is refused (no fallback to another key).
                    if let keyID = header.keyID, !keys.keyIDs.contains(keyID) { return context.eventLoop.makeSucceededFuture(nil) }
                    return context.eventLoop.makeFutureWithTask { try? await keys.collection.verify(token, as: JWTClaims.self) }
                }
            }
            return verified.map { claims -> (ProxyRequest, MiddlewareOutcome) in
                guard let claims, !requiresIssuer || claims.claims.value(at: ["iss"]) != nil else {
                    return (request, AuthAnswer.unauthorized(challenge: "Bearer error=\"invalid_token\""))
                }
                var request = request
                let outcome = self.enforcer.apply(claims.claims, to: &request)
                if fromHeader != nil, !self.configuration.forwardAuthorization { request.head.headers.remove(name: "Authorization") }
                return (request, outcome)
            }.recover { _ in (request, AuthAnswer.providerUnavailable) }
        })
    }
}
