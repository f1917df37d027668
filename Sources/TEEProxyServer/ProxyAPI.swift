import Foundation
import NIOHTTP1
import TEEDashboard
import TEEModel
import TEEProxy

/// The proxy's `api`: Traefik's read API and the dashboard over the runtime in service, answered
/// on the `traefik` entry point with `api.insecure`, and by routers whose service is `api@internal`.
final class ProxyAPI: Sendable {
    let runtime: RuntimeReference
    let traffic: TrafficTally
    private let entryPoints: [EntryPointConfiguration]
    private let settings: APIConfiguration
    private let metrics: String
    private let accessLog: Bool
    private let tracing: String
    private let startDate = Date()
    private let files = DashboardFiles(role: "proxy")

    init(configuration: StaticConfiguration, settings: APIConfiguration, runtime: RuntimeReference, traffic: TrafficTally) {
        self.runtime = runtime
        self.traffic = traffic
        self.entryPoints = configuration.entryPoints
        self.settings = settings
        self.metrics = configuration.metrics != nil ? "Prometheus" : configuration.otlpMetrics != nil ? "OpenTelemetry" : ""
        self.accessLog = configuration.accessLog != nil
        self.tracing = configuration.tracing == nil ? "" : "OpenTelemetry"
    }

    /// The answer to `head` when its path is the API's or the dashboard's; nil otherwise.
    func respond(to head: HTTPRequestHead, path: String) -> SyntheticResponse? {
        guard path.hasPrefix("/api/") || (self.settings.dashboard && DashboardFiles.serves(path)) else {
            return nil
        }
        guard head.method == .GET || head.method == .HEAD else {
            var headers = HTTPHeaders()
            headers.add(name: "Allow", value: "GET, HEAD")
            return SyntheticResponse(status: .methodNotAllowed, headers: headers, body: "the API is read-only\n")
        }
        let query = head.uri.firstIndex(of: "?").map { String(head.uri[head.uri.index(after: $0)...]) } ?? ""
        let state = APIState(runtime: self.runtime.current, entryPoints: self.entryPoints, providers: self.runtime.providerErrors,
                             metrics: self.metrics, accessLog: self.accessLog, tracing: self.tracing, startDate: self.startDate, traffic: .totals(self.traffic))
        guard let answer = TraefikAPI(state: state).respond(path: path, query: query) ?? self.files.respond(path: path) else { return nil }
        var headers = HTTPHeaders()
        for (name, value) in answer.headers { headers.add(name: name, value: value) }
        return SyntheticResponse(status: HTTPResponseStatus(statusCode: answer.status), headers: headers,
                                 body: String(decoding: answer.body, as: UTF8.self))
    }
}
