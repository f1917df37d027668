import Crypto
import Foundation
public import TEEModel

/// `plugin.apiKey`: the client's key (from `keySource`, base64-decoded unless
/// `secretNonBase64Encoded`) must match one of `secretValues`' htpasswd hashes; anything else gets
/// 401. Keys that passed a slow (bcrypt) check are remembered by digest.
public struct APIKeyMiddleware: RequestMiddleware {
    private let configuration: APIKeyConfiguration
    private let hashes: [PasswordHash]
    private let verified = VerifiedCredentials()

    public init(_ configuration: APIKeyConfiguration) throws {
        self.configuration = configuration
        self.hashes = try configuration.secretValues.enumerated().map { index, value in
            do {
                return try PasswordHash(value, user: "secretValues[\(index)]")
            } catch {
                throw MiddlewareBuildError("secretValues[\(index)] is not an htpasswd hash (bcrypt, {SHA} or $apr1$); make one with htpasswd -nbB \"\" KEY | cut -c 2-")
            }
        }
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        guard var key = RequestCredential.find(in: request, source: self.configuration.keySource) else {
            return AuthAnswer.unauthorized()
        }
        if !self.configuration.secretNonBase64Encoded {
            guard let decoded = Data(base64Encoded: key).flatMap({ String(data: $0, encoding: .utf8) }) else {
                return AuthAnswer.unauthorized()
            }
            key = decoded
        }
        let digest = Data(SHA256.hash(data: Data(key.utf8)))
        if self.verified.contains(digest) { return .proceed }
        guard let hash = self.hashes.first(where: { $0.verify(key) }) else { return AuthAnswer.unauthorized() }
        if hash.isSlow { self.verified.insert(digest) }
        return .proceed
    }
}
