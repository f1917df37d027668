import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import TEEModel

/// The OpenID Connect provider an oidc middleware uses, found by discovery
/// (`<issuer>/.well-known/openid-configuration`, kept for an hour; the last one kept while the
/// provider does not answer), with its JWK set.
final class OIDCProvider: Sendable {
    /// What discovery says.
    struct Metadata: Sendable {
        let issuer: String
        let authorizationEndpoint: String
        let token: IdentityProviderClient
        let endSessionEndpoint: String?
        let keys: JWKSCache
        let fetched: ContinuousClock.Instant
    }

    struct Unreachable: Error {}

    static let lifetime = Duration.seconds(3600)
    private let discovery: IdentityProviderClient
    private let settings: AuthClientConfiguration
    private let current = Mutex<Metadata?>(nil)

    init(_ configuration: OIDCConfiguration) {
        var path = configuration.issuerPath
        while path.hasSuffix("/") { path.removeLast() }
        path += "/.well-known/openid-configuration"
        if !configuration.discoveryParams.isEmpty {
            path += "?" + configuration.discoveryParams.map { "\(IdentityProviderClient.formEncode($0.0))=\(IdentityProviderClient.formEncode($0.1))" }
                .joined(separator: "&")
        }
        self.discovery = IdentityProviderClient(url: configuration.issuerURL, path: path, settings: configuration.clientConfig)
        self.settings = configuration.clientConfig
    }

    func metadata(context: MiddlewareContext) -> EventLoopFuture<Metadata> {
        let current = self.current.withLock { $0 }
        if let current, ContinuousClock.now - current.fetched < Self.lifetime { return context.eventLoop.makeSucceededFuture(current) }
        return self.discovery.get(context: context).flatMapThrowing { response -> Metadata in
            guard response.head.status == .ok,
                  let document = try? JSONDecoder().decode(ClaimValue.self, from: Data(response.body.readableBytesView)),
                  case .string(let issuer)? = document.value(at: ["issuer"]),
                  case .string(let authorization)? = document.value(at: ["authorization_endpoint"]),
                  case .string(let tokenText)? = document.value(at: ["token_endpoint"]), let token = AuthClientConfiguration.url(tokenText),
                  case .string(let jwksText)? = document.value(at: ["jwks_uri"]), let jwks = AuthClientConfiguration.url(jwksText) else {
                throw Unreachable()
            }
            var endSession: String?
            if case .string(let text)? = document.value(at: ["end_session_endpoint"]) { endSession = text }
            let metadata = Metadata(issuer: issuer, authorizationEndpoint: authorization,
                                    token: IdentityProviderClient(url: token.url, path: token.path, settings: self.settings),
                                    endSessionEndpoint: endSession,
                                    keys: JWKSCache(provider: IdentityProviderClient(url: jwks.url, path: jwks.path, settings: self.settings)),
                                    fetched: .now)
            self.current.withLock { $0 = metadata }
            return metadata
        }.flatMapError { error in
            guard let current else { return context.eventLoop.makeFailedFuture(error) }
            return context.eventLoop.makeSucceededFuture(current)
        }
    }
}
