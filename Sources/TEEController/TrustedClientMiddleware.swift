import Foundation
import HTTPTypes
import Hummingbird
import TEEDashboard
import TEEStore

/// Refuses API calls from TLS clients without a certificate from the cluster CA, except the
/// calls a joining node makes before it has one (its join token authenticates it instead), the
/// dashboard's sign-in, and reads a dashboard token admits (`Authorization: Bearer TOKEN`, or the
/// cookie the sign-in sets): the dashboard, Traefik's API and the cluster's state, never writes.
struct TrustedClientMiddleware: RouterMiddleware {
    typealias Context = ControllerRequestContext

    let etcd: EtcdClient

    static let openPaths: Set<String> = ["/api/v1/cluster-info", "/api/v1/join", "/dashboard/login"]
    /// The cluster API calls a dashboard token may read.
    static let dashboardReads: Set<String> = ["health", "ready", "nodes", "members", "runtime", "providers", "events", "certificates",
                                              "acme", "snapshot"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if Self.openPaths.contains(path) { return try await next(request, context) }
        if await context.isTrusted { return try await next(request, context) }
        if request.method == .get || request.method == .head, Self.dashboardMayRead(path),
           let token = Self.presentedToken(request), await DashboardTokens(etcd: self.etcd).admits(token) {
            return try await next(request, context)
        }
        if DashboardFiles.serves(path) {
            return ControllerAPI.response(DashboardFiles.loginPage(message: "Sign in with a dashboard token.", status: 401))
        }
        return ControllerAPI.error(.unauthorized, "this API needs a client certificate from the cluster CA: use teeadm on a node "
            + "of the cluster (it uses /etc/tee/pki/node.pem), or join this node first; the dashboard and read calls take a token "
            + "from teeadm token create --role dashboard (Authorization: Bearer TOKEN)")
    }

    /// The dashboard, Traefik's read API (`/api/...` outside `/api/v1/`), the cluster reads above, and `/metrics`.
    static func dashboardMayRead(_ path: String) -> Bool {
        if DashboardFiles.serves(path) || path == "/metrics" { return true }
        if path.hasPrefix("/api/v1/") { return Self.dashboardReads.contains(String(path.dropFirst("/api/v1/".count))) }
        return path.hasPrefix("/api/")
    }

    /// A bearer token, else the sign-in cookie.
    static func presentedToken(_ request: Request) -> String? {
        if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            return String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        }
        for field in request.headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == DashboardTokens.cookieName { return String(parts[1]) }
            }
        }
        return nil
    }
}
