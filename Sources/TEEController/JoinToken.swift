import Crypto
import Foundation

/// A join token, `id.secret` (`[a-z0-9]{6}.[a-z0-9]{16}`), scoped to one role and expiring.
/// The store keeps only the secret's SHA-256 (`/tee/tokens/<id>`).
public struct JoinToken: Sendable, Codable, Hashable {
    public var id: String
    /// `controller`, `proxy` or `mesh`.
    public var role: String
    public var secretHash: String
    /// Unix seconds.
    public var expires: Double
    public var description: String?

    /// Roles a token can have: a node's, or `dashboard` (reads the dashboard and the read API; joins nothing).
    public static let roles = ["controller", "proxy", "mesh", "dashboard"]
    /// The roles a node joins as.
    public static let nodeRoles = ["controller", "proxy", "mesh"]
    /// The role of tokens that open the dashboard.
    public static let dashboardRole = "dashboard"
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    /// A new token for `role`, valid for `ttl`; returns the record to store and the token to hand out.
    public static func make(role: String, ttl: Duration, description: String? = nil) -> (record: JoinToken, token: String) {
        var generator = SystemRandomNumberGenerator()
        let id = String((0..<6).map { _ in Self.alphabet.randomElement(using: &generator)! })
        let secret = String((0..<16).map { _ in Self.alphabet.randomElement(using: &generator)! })
        let record = JoinToken(id: id, role: role, secretHash: Self.hash(secret),
                               expires: Date().timeIntervalSince1970 + Double(ttl.components.seconds), description: description)
        return (record, "\(id).\(secret)")
    }

    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Splits `id.secret`; nil unless it has the token's form.
    public static func parse(_ token: String) -> (id: String, secret: String)? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 6, parts[1].count == 16,
              parts.joined().allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// Whether `secret` is this token's, for `role`, and it has not expired.
    public func admits(secret: String, role: String, now: Double? = nil) -> Bool {
        role == self.role && (now ?? Date().timeIntervalSince1970) < self.expires && Self.hash(secret) == self.secretHash
    }
}
