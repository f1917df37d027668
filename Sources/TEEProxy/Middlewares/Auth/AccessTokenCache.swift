import Crypto
import Foundation
import Synchronization
import TEEModel

/// Access tokens an oAuthClientCredentials middleware got, by a digest of the credentials that
/// got them, until shortly before they expire. At most ``capacity`` are kept.
final class AccessTokenCache: Sendable {
    struct Token: Sendable {
        let value: String
        /// The claims of a JWT-formatted token (else none).
        let claims: ClaimValue
        let expires: ContinuousClock.Instant
    }

    static let capacity = 10_000
    /// A token is not used in its last seconds, so it does not expire on its way to the server.
    static let margin = Duration.seconds(10)
    private let tokens = Mutex<[Data: Token]>([:])

    static func key(clientID: String, clientSecret: String) -> Data {
        Data(SHA256.hash(data: Data("\(clientID)\u{0}\(clientSecret)".utf8)))
    }

    func token(for key: Data) -> Token? {
        let now = ContinuousClock.now
        return self.tokens.withLock { tokens in
            guard let token = tokens[key] else { return nil }
            guard token.expires > now else {
                tokens[key] = nil
                return nil
            }
            return token
        }
    }

    func store(_ token: Token, for key: Data) {
        self.tokens.withLock { tokens in
            if tokens.count >= Self.capacity { tokens.removeAll() }
            tokens[key] = token
        }
    }
}
