import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TEEDashboard
import TEEModel
import TEEProxy
import TEEStore

/// The dashboard and Traefik's read API on the controllers, over the latest snapshot, and the
/// dashboard's sign-in with a token.
extension ControllerAPI {
    /// `GET /api/...` (outside `/api/v1/`) and `GET /dashboard/...`; nil for other paths.
    func dashboardResponse(_ request: Request) async -> Response? {
        let path = request.uri.path
        let isTraefikAPI = path.hasPrefix("/api/") && !path.hasPrefix("/api/v1/")
        guard isTraefikAPI || DashboardFiles.serves(path), path != "/dashboard/login", path != "/dashboard/logout" else {
            return nil
        }
        guard request.method == .get || request.method == .head else {
            return Self.error(.methodNotAllowed, "the dashboard and Traefik's API are read-only")
        }
        if !isTraefikAPI { return Self.response(DashboardFiles(role: "controller").respond(path: path)!) }
        let view = self.feed.latest.map(self.views.view(of:)) ?? RuntimeView(DynamicConfiguration())
        let entryPoints = view.entryPointNames.map { EntryPointConfiguration(name: $0, address: ListenAddress(host: nil, port: 0)) }
        let state = APIState(runtime: view.runtime, entryPoints: entryPoints, providers: await self.providerErrors(),
                             startDate: self.startDate, traffic: .rates(await self.recentTraffic()), isServing: false)
        return Self.response(TraefikAPI(state: state).respond(path: path, query: request.uri.query ?? "")!)
    }

    /// Each provider the leader runs with its error (nil while it works), from this member's copy.
    private func providerErrors() async -> [String: String?] {
        let statuses = (try? await self.storedProviderStatuses(serializable: true)) ?? []
        return Dictionary(statuses.map { ($0.provider, $0.error) }, uniquingKeysWith: { first, _ in first })
    }

    /// The samples proxies reported in the last few seconds (this member's copy).
    private func recentTraffic() async -> [TrafficSample] {
        let values = (try? await self.etcd.list(prefix: ClusterKeys.trafficPrefix, serializable: true).values) ?? []
        let oldest = Date().timeIntervalSince1970 - TrafficReportRecord.freshness
        return values.compactMap { try? JSONDecoder().decode(TrafficReportRecord.self, from: Data($0.value)) }
            .filter { $0.reportedAt >= oldest }.map(\.sample)
    }

    /// `POST /dashboard/login` with `token=…` (the sign-in form): sets the session cookie and
    /// goes to the dashboard, or shows the form again with 401.
    func dashboardLogin(_ request: Request) async throws -> Response {
        var request = request
        let body = String(buffer: try await request.collectBody(upTo: 4096))
        let token = body.split(separator: "&").compactMap { pair -> String? in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0] == "token" else { return nil }
            return parts[1].replacingOccurrences(of: "+", with: " ").removingPercentEncoding?.trimmingCharacters(in: .whitespaces)
        }.first ?? ""
        guard let record = await DashboardTokens(etcd: self.etcd).record(for: token) else {
            return Self.response(DashboardFiles.loginPage(message: "That is not a valid dashboard token (or it expired). "
                + "Create one with teeadm token create --role dashboard.", status: 401))
        }
        let maxAge = max(0, Int(record.expires - Date().timeIntervalSince1970))
        await self.events.record("dashboard", "dashboard sign-in with token \(record.id)")
        return Response(status: .seeOther, headers: [
            .location: "/dashboard/",
            .setCookie: "\(DashboardTokens.cookieName)=\(token); Path=/; Max-Age=\(maxAge); HttpOnly; Secure; SameSite=Strict",
        ])
    }

    /// `GET /dashboard/logout`: forgets the session cookie.
    func dashboardLogout() -> Response {
        Response(status: .seeOther, headers: [
            .location: "/dashboard/login",
            .setCookie: "\(DashboardTokens.cookieName)=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict",
        ])
    }

    /// A dashboard answer as Hummingbird's response.
    static func response(_ answer: APIResponse) -> Response {
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// Sends the dashboard's and Traefik's API paths to ``ControllerAPI/dashboardResponse(_:)``.
struct DashboardMiddleware: RouterMiddleware {
    typealias Context = ControllerRequestContext
    let api: ControllerAPI

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let response = await self.api.dashboardResponse(request) { return response }
        return try await next(request, context)
    }
}
