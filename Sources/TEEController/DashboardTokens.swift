import Foundation
import TEEStore

/// Checks dashboard tokens: join tokens (`id.secret`) of role `dashboard`, kept hashed in the
/// store like the others and listed, expired and deleted with `teeadm token`.
struct DashboardTokens: Sendable {
    let etcd: EtcdClient

    /// The cookie the sign-in sets (HttpOnly, Secure, SameSite=Strict).
    static let cookieName = "tee_dashboard"

    /// The token's record when `text` is a valid, unexpired dashboard token; nil otherwise.
    func record(for text: String) async -> JoinToken? {
        guard let parts = JoinToken.parse(text),
              let stored = try? await self.etcd.get(ClusterKeys.tokensPrefix + parts.id, serializable: true),
              let token = try? JSONDecoder().decode(JoinToken.self, from: Data(stored.value)),
              token.admits(secret: parts.secret, role: JoinToken.dashboardRole) else { return nil }
        return token
    }

    func admits(_ text: String) async -> Bool {
        await self.record(for: text) != nil
    }
}
