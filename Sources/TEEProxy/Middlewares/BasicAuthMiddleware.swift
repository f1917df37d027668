import Crypto
import Foundation
import NIOHTTP1

/// `basicAuth`: HTTP Basic authentication against htpasswd entries (bcrypt, apr1-MD5, SHA1 and
/// SHA-crypt hashes). Checking a bcrypt hash takes milliseconds of the event loop, so credentials
/// that passed are remembered (by a SHA-256 of them, never in clear) and not checked again.
public struct BasicAuthMiddleware: RequestMiddleware {
    private let users: [String: PasswordHash]
    private let verified = VerifiedCredentials()
    private let realm: String
    private let headerField: String?
    private let removeHeader: Bool

    /// Validates every `user:hash` entry; throws a message naming the first bad one.
    public init(users: [String], realm: String, headerField: String?, removeHeader: Bool) throws {
        var table: [String: PasswordHash] = [:]
        for entry in users {
            guard let colon = entry.firstIndex(of: ":") else { throw MiddlewareBuildError("'\(entry)' is not user:hash") }
            let user = String(entry[..<colon])
            table[user] = try PasswordHash(String(entry[entry.index(after: colon)...]), user: user)
        }
        self.users = table
        self.realm = realm
        self.headerField = headerField
        self.removeHeader = removeHeader
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        guard let (user, password) = Self.credentials(request.head.headers.first(name: "authorization")),
              let hash = self.users[user], self.check(password, of: user, against: hash) else {
            return AuthAnswer.unauthorized(challenge: "Basic realm=\"\(self.realm)\"")
        }
        request.clientUsername = user
        if let headerField = self.headerField { request.head.headers.replaceOrAdd(name: headerField, value: user) }
        if self.removeHeader { request.head.headers.remove(name: "Authorization") }
        return .proceed
    }

    private func check(_ password: String, of user: String, against hash: PasswordHash) -> Bool {
        guard hash.isSlow else { return hash.verify(password) }
        let key = Data(SHA256.hash(data: Data("\(user)\u{0}\(password)".utf8)))
        if self.verified.contains(key) { return true }
        guard hash.verify(password) else { return false }
        self.verified.insert(key)
        return true
    }

    /// `Basic base64(user:password)` → (user, password).
    static func credentials(_ header: String?) -> (String, String)? {
        guard let header, header.count > 6, header.prefix(6).lowercased() == "basic " else { return nil }
        guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
