import Foundation
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
    /// The keys of `signingSecret` or `publicKey` looked up so far (a set's are kept with the set).
    private let verifiers = JWTVerifiers()
    /// Tokens verified lately, with their claims: the same token again is not parsed and checked
    /// again. Each is kept at most ``verifiedLifetime`` (a key removed from a JWK set stops being
    /// trusted within that), and checked in time (`exp`, `nbf`) at each use.
    private let verified = BoundedCache<String, ClaimValue>(capacity: 10_000)
    static let verifiedLifetime = Duration.seconds(30)
    /// Tokens verified with keys from a URL must name their issuer (`iss`), as in Traefik Hub.
    private let requiresIssuer: Bool

    public init(_ configuration: JWTConfiguration) throws {
        self.configuration = configuration
        self.enforcer = ClaimsEnforcer(policy: configuration.policy)
        if case .jwksURL = configuration.keySource { self.requiresIssuer = true } else { self.requiresIssuer = false }
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
        guard let token = fromHeader ?? self.configuration.tokenKey.flatMap({ request.queryValues($0).first }) else {
            return AuthAnswer.unauthorized(challenge: "Bearer")
        }
        if let claims = self.verified.value(for: token) {
            guard (try? JWTClaims.checkTimes(claims, now: Date().timeIntervalSince1970)) != nil else {
                self.verified.remove(token)
                return AuthAnswer.unauthorized(challenge: "Bearer error=\"invalid_token\"")
            }
            return self.finish(&request, claims: claims, fromHeader: fromHeader != nil)
        }
        guard let header = JWTHeaderFields(token: token) else { return AuthAnswer.unauthorized(challenge: "Bearer") }
        // A key looked up before: verified here, on the event loop.
        switch self.keys {
        case .fixed:
            if let key = self.verifiers.key(algorithm: header.algorithm, keyID: nil) {
                return self.finish(&request, claims: self.verify(token, header: header, with: key), fromHeader: fromHeader != nil)
            }
        case .set(let cache):
            if let keys = cache.freshKeys(for: header.keyID), let key = keys.verifiers.key(algorithm: header.algorithm, keyID: header.keyID) {
                return self.finish(&request, claims: self.verify(token, header: header, with: key), fromHeader: fromHeader != nil)
            }
        }
        return .suspend(MiddlewareSuspension { [self] request, context in
            self.lookUpKey(header, context: context).map { key -> (ProxyRequest, MiddlewareOutcome) in
                var request = request
                let claims = key.flatMap { self.verify(token, header: header, with: $0) }
                let outcome = self.finish(&request, claims: claims, fromHeader: fromHeader != nil)
                return (request, outcome)
            }.recover { _ in (request, AuthAnswer.providerUnavailable) }
        })
    }

    /// The key for the token's algorithm and key ID (nil when there is none), remembered for the
    /// next tokens; fails when a `jwksUrl` cannot be fetched and no set was kept.
    private func lookUpKey(_ header: JWTHeaderFields, context: MiddlewareContext) -> EventLoopFuture<(any JWTAlgorithm)?> {
        switch self.keys {
        case .fixed(let key):
            let verifiers = self.verifiers
            return context.eventLoop.makeFutureWithTask {
                guard let collection = await key.collection(for: header.algorithm),
                      let found = try? await collection.getKey(for: nil, alg: header.algorithm) else { return nil }
                verifiers.store(found, algorithm: header.algorithm, keyID: nil)
                return found
            }
        case .set(let cache):
            return cache.keys(for: header.keyID, context: context).flatMap { keys in
                // A token that names a key the set lacks is refused (no fallback to another key).
                if let keyID = header.keyID, !keys.keyIDs.contains(keyID) { return context.eventLoop.makeSucceededFuture(nil) }
                return context.eventLoop.makeFutureWithTask {
                    guard let found = try? await keys.collection.getKey(for: header.keyID.map { JWKIdentifier(string: $0) }, alg: header.algorithm) else {
                        return nil
                    }
                    keys.verifiers.store(found, algorithm: header.algorithm, keyID: header.keyID)
                    return found
                }
            }
        }
    }

    /// The claims of `token` when `key` verifies it, remembered for the token's next use.
    private func verify(_ token: String, header: JWTHeaderFields, with key: any JWTAlgorithm) -> ClaimValue? {
        guard let claims = JWTVerifiers.verify(token, header: header, with: key) else { return nil }
        self.verified.insert(claims, for: token, expires: .now + Self.verifiedLifetime)
        return claims
    }

    /// The outcome for verified `claims` (nil: the token did not verify).
    private func finish(_ request: inout ProxyRequest, claims: ClaimValue?, fromHeader: Bool) -> MiddlewareOutcome {
        guard let claims, !self.requiresIssuer || claims.value(at: ["iss"]) != nil else {
            return AuthAnswer.unauthorized(challenge: "Bearer error=\"invalid_token\"")
        }
        let outcome = self.enforcer.apply(claims, to: &request)
        if fromHeader, !self.configuration.forwardAuthorization { request.head.headers.remove(name: "Authorization") }
        return outcome
    }
}
