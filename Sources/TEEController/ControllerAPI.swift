import Foundation
public import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import TEEDashboard
import TEEDistribution
import TEEModel
public import TEEPKI
import TEEStore

/// The controller's REST API (JSON): configuration apply and get with ETag/If-Match, the
/// snapshot and its compilation, nodes, and health. Any controller answers; writes go through
/// etcd, so they take effect cluster-wide. Without quorum, writes fail at once with the number
/// of controllers that answer, and reads say they may be stale.
struct ControllerAPI: Sendable {
    let etcd: EtcdClient
    let leadership: Leadership
    let feed: SnapshotFeed
    let events: EventLog
    let dataKey: DataKey?
    /// Signs joining nodes' certificates; nil when this controller has no CA key.
    let certificateAuthority: ClusterCA?
    let controllerName: String
    /// The runtime view of the latest snapshot, for the dashboard and Traefik's API.
    let views = RuntimeViewCache()
    let startDate = Date()

    init(etcd: EtcdClient, leadership: Leadership, feed: SnapshotFeed, events: EventLog, dataKey: DataKey?,
         certificateAuthority: ClusterCA?, controllerName: String) {
        self.etcd = etcd
        self.leadership = leadership
        self.feed = feed
        self.events = events
        self.dataKey = dataKey
        self.certificateAuthority = certificateAuthority
        self.controllerName = controllerName
    }

    /// The largest document `PUT /api/v1/config` takes.
    static let maxDocumentBytes = 8 * 1024 * 1024

    func router() -> Router<ControllerRequestContext> {
        let router = Router(context: ControllerRequestContext.self)
        router.add(middleware: TrustedClientMiddleware(etcd: self.etcd))
        router.add(middleware: DashboardMiddleware(api: self))
        router.get("/dashboard/login") { _, _ in ControllerAPI.response(DashboardFiles.loginPage(message: "Sign in with a dashboard token.", status: 200)) }
        router.post("/dashboard/login") { request, _ in try await self.dashboardLogin(request) }
        router.get("/dashboard/logout") { _, _ in self.dashboardLogout() }
        router.get("/api/v1/cluster-info") { _, _ in try await self.clusterInfo() }
        router.post("/api/v1/join") { request, context in try await self.join(request, context: context) }
        router.post("/api/v1/certs/renew") { request, context in try await self.renew(request, context: context) }
        router.get("/api/v1/health") { _, _ in try await self.health() }
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            let text = await ControllerMetrics(api: self).exposition()
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/api/v1/ready") { _, _ in try await self.ready() }
        router.get("/api/v1/config") { request, _ in try await self.getConfiguration(request) }
        router.put("/api/v1/config") { request, _ in try await self.applyConfiguration(request) }
        router.get("/api/v1/snapshot") { _, _ in try await self.snapshot() }
        router.get("/api/v1/mesh") { _, _ in try await self.getMesh() }
        router.put("/api/v1/mesh") { request, _ in try await self.applyMesh(request) }
        router.put("/api/v1/mesh/agents/:node") { request, context in
            try await self.registerMeshAgent(request, node: context.parameters.get("node") ?? "", context: context)
        }
        router.post("/api/v1/mesh/identities") { request, context in try await self.issueMeshIdentity(request, context: context) }
        router.get("/api/v1/nodes") { _, _ in try await self.nodes() }
        router.get("/api/v1/members") { _, _ in try await self.members() }
        router.get("/api/v1/backup/etcd-snapshot") { _, _ in
            // The store's database, for teeadm backup create on a controller node.
            let bytes = try await self.etcd.snapshot()
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.delete("/api/v1/nodes/:name") { request, context in
            try await self.removeNode(context.parameters.get("name") ?? "", itself: request.uri.queryParameters.get("self") == "true")
        }
        router.get("/api/v1/runtime") { _, _ in try await self.runtime() }
        router.get("/api/v1/providers") { _, _ in try await self.providers() }
        router.get("/api/v1/events") { request, _ in try await self.recentEvents(request) }
        router.get("/api/v1/tokens") { _, _ in try await self.tokens() }
        router.post("/api/v1/tokens") { request, _ in try await self.createToken(request) }
        router.delete("/api/v1/tokens/:id") { _, context in try await self.deleteToken(context.parameters.get("id") ?? "") }
        router.get("/api/v1/certificates") { _, _ in try await self.certificates() }
        router.get("/api/v1/acme") { _, _ in try await self.acmeStatus() }
        router.put("/api/v1/certificates/:name") { request, context in
            try await self.storeCertificate(request, name: context.parameters.get("name") ?? "")
        }
        router.delete("/api/v1/certificates/:name") { _, context in try await self.deleteCertificate(context.parameters.get("name") ?? "") }
        return router
    }

    // MARK: Health

    private func health() async throws -> Response {
        let status = try? await self.etcd.status(timeout: .seconds(1))
        let leader: String? = switch self.leadership.current {
        case .leader: self.controllerName
        case .follower(let name): name
        }
        return Self.json(.ok, [
            "controller": .string(self.controllerName),
            "leader": leader.map(JSONValue.string) ?? .null,
            "isLeader": .bool(self.leadership.fence != nil),
            "etcd": .string(status == nil ? "unreachable" : status!.leaderID == 0 ? "no raft leader" : "healthy"),
            "snapshotVersion": .number(Double(self.feed.latest?.version ?? 0)),
        ])
    }

    /// 200 when this controller's etcd member has a raft leader (the cluster has quorum).
    private func ready() async throws -> Response {
        guard let status = try? await self.etcd.status(timeout: .seconds(1)), status.leaderID != 0 else {
            return Self.error(.serviceUnavailable, "not ready: this controller's etcd member sees no quorum")
        }
        return Self.json(.ok, ["ready": .bool(true)])
    }

    // MARK: Configuration

    /// The API document a request names (`?name=`, `main` by default): its key, or nil for a bad name.
    private static func apiDocument(_ request: Request) -> (name: String, key: String)? {
        let name = request.uri.queryParameters.get("name") ?? "main"
        guard name.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9._-]{0,127}/) != nil else { return nil }
        return (name, ClusterKeys.source(provider: "api", name: name))
    }

    private static let badName = "a document's name is letters, digits, '.', '_' and '-' (teeadm uses the file's name)"

    private func getConfiguration(_ request: Request) async throws -> Response {
        guard let (_, key) = Self.apiDocument(request) else { return Self.error(.badRequest, Self.badName) }
        return try await self.storedDocument(key, missing: "no configuration has been applied through the API; apply one with teeadm config apply -f FILE")
    }

    /// A stored document as it was applied, with its `ETag` (and a warning when it may be stale).
    func storedDocument(_ key: String, missing: String) async throws -> Response {
        let (value, stale) = try await self.readWithFallback(key)
        guard let value, let document = try? JSONDecoder().decode(ConfigurationDocument.self, from: Data(value.value)) else {
            return Self.error(.notFound, missing)
        }
        var headers: HTTPFields = [.eTag: "\"\(value.modRevision)\"", .contentType: document.format == "toml" ? "application/toml" : "application/yaml"]
        if stale { headers[HTTPField.Name("Warning")!] = "110 - \"may be stale: this controller cannot reach quorum\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: document.content)))
    }

    private func applyConfiguration(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maxDocumentBytes)
        let contentType = request.headers[.contentType] ?? "application/yaml"
        let format = contentType.contains("toml") ? "toml" : "yaml"
        guard let (name, key) = Self.apiDocument(request) else { return Self.error(.badRequest, Self.badName) }
        let document = ConfigurationDocument(provider: "api", name: name, format: format, content: String(buffer: body))
        // Validated as a whole, with the other sources it may refer to: the document must load,
        // and every object in it must be valid and find what it references.
        let others = (self.feed.latest?.documents ?? []).filter { $0.provider != "api" || $0.name != name }
        do {
            let configuration = try ConfigurationDocument.load(others + [document])
            let problems = configuration.problems.filter { $0.name.hasSuffix("@api") }.map(\.description)
                + RuntimeView(configuration).problems(of: "api")
            if !problems.isEmpty {
                return Self.error(.unprocessableContent, "the configuration has invalid objects; nothing was applied", details: problems)
            }
        } catch {
            return Self.error(.unprocessableContent, "the configuration does not load; nothing was applied",
                              details: error.errors.map(\.description))
        }
        return try await self.store(document, key: key, request: request)
    }

    /// Stores a checked document: `If-Match` (an ETag from the GET) makes the write conditional;
    /// without quorum the answer says how many controllers answer.
    func store(_ document: ConfigurationDocument, key: String, request: Request) async throws -> Response {
        var conditions: [EtcdCondition] = []
        if let ifMatch = request.headers[.ifMatch] {
            guard let revision = Int64(ifMatch.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/"))) else {
                return Self.error(.badRequest, "If-Match must be an ETag from the GET of the same document, such as \"42\"")
            }
            conditions.append(.modRevision(key, equals: revision))
        }
        do {
            return try await self.write(document, key: key, conditions: conditions)
        } catch {
            guard case .unavailable = error else { throw error }
            return Self.error(.serviceUnavailable, await QuorumProbe(etcd: self.etcd, ownName: self.controllerName).describeLoss(error))
        }
    }

    /// Stores the API's document unless it is unchanged; 412 when a condition fails.
    func write(_ document: ConfigurationDocument, key: String, conditions: [EtcdCondition]) async throws(EtcdError) -> Response {
        let encoded = Array((try? JSONEncoder.sorted.encode(document)) ?? Data())
        if let current = try await self.etcd.get(key), current.value == encoded {
            return Self.json(.ok, ["changed": .bool(false), "etag": .string("\"\(current.modRevision)\"")],
                             headers: [.eTag: "\"\(current.modRevision)\""])
        }
        let result = try await self.etcd.transaction(when: conditions, then: [.put(key, encoded)])
        guard result.succeeded else {
            return Self.error(.preconditionFailed, "the configuration changed since it was read (If-Match); get it again and re-apply")
        }
        return Self.json(.ok, ["changed": .bool(true), "etag": .string("\"\(result.revision)\"")], headers: [.eTag: "\"\(result.revision)\""])
    }

    // MARK: Snapshot and nodes

    private func snapshot() async throws -> Response {
        let (statusValue, stale) = try await self.readWithFallback(ClusterKeys.compileStatus)
        let status = statusValue.flatMap { try? JSONDecoder().decode(CompileStatus.self, from: Data($0.value)) }
        let latest = self.feed.latest
        return Self.json(.ok, [
            "version": .number(Double(latest?.version ?? 0)),
            "compiledAt": .number(Double(latest?.compiledAt ?? 0)),
            "documents": .array((latest?.documents ?? []).map { .string($0.origin) }),
            "problems": .array((status?.problems ?? []).map(JSONValue.string)),
            "error": status?.error.map(JSONValue.string) ?? .null,
            "providers": .array(try await self.providerStatuses()),
            "stale": .bool(stale),
        ])
    }

    /// The routers, services and middlewares of the snapshot in service, each enabled or disabled
    /// with its reasons, and the version each proxy serves.
    private func runtime() async throws -> Response {
        guard let snapshot = self.feed.latest else {
            return Self.error(.notFound, "no snapshot has been compiled yet; apply a configuration with teeadm config apply -f FILE")
        }
        let view = self.views.view(of: snapshot)
        let (values, stale) = try await self.listWithFallback(ClusterKeys.nodesPrefix)
        let nodes = values.compactMap { NodeRecord.decode($0.value) }.filter { $0.role != "controller" }.sorted { $0.name < $1.name }
        return Self.json(.ok, [
            "version": .number(Double(snapshot.version)),
            "routers": RuntimeView.json(view.routers),
            "services": RuntimeView.json(view.services),
            "middlewares": RuntimeView.json(view.middlewares),
            "tcpAndUdp": RuntimeView.json(view.network),
            "proxies": .array(nodes.map { node in
                var object: [String: JSONValue] = [
                    "name": .string(node.name), "role": .string(node.role), "connected": .bool(node.connected),
                    "appliedVersion": .number(Double(node.appliedVersion ?? 0)),
                    "upToDate": .bool(node.appliedVersion == snapshot.version),
                    "health": .string(!node.connected ? "disconnected" : node.lastError != nil ? "rejected the last snapshot"
                        : node.appliedVersion == snapshot.version ? "healthy" : "behind"),
                ]
                if let error = node.lastError { object["lastError"] = .string(error) }
                return .object(object)
            }),
            "providers": .array(try await self.providerStatuses()),
            "stale": .bool(stale),
        ])
    }

    /// `GET /api/v1/members`: the etcd members (learners are still catching up).
    private func members() async throws -> Response {
        let members = try await self.etcd.members()
        return Self.json(.ok, ["members": .array(members.sorted { $0.name < $1.name }.map { member in
            .object(["id": .string(member.hexID), "name": .string(member.name), "peerURLs": .array(member.peerURLs.map(JSONValue.string)),
                     "learner": .bool(member.isLearner)])
        })])
    }

    /// `DELETE /api/v1/nodes/NAME`: a controller's etcd member is removed first (refused for
    /// the controller answering, unless it removes itself on `teeadm reset`), then its record.
    private func removeNode(_ name: String, itself: Bool) async throws -> Response {
        let members = try await self.etcd.members()
        let record = try await self.etcd.get(ClusterKeys.node(name)).flatMap { NodeRecord.decode($0.value) }
        let member = members.first { $0.name == name }
        guard record != nil || member != nil else { return Self.error(.notFound, "no node \(name); see teeadm node list") }
        if let member {
            if name == self.controllerName && !itself {
                return Self.error(.conflict, "\(name) is the controller answering; remove it through another controller (--controller), "
                    + "or run teeadm reset on \(name)")
            }
            guard members.filter({ !$0.isLearner }).count > 1 || member.isLearner else {
                return Self.error(.conflict, "\(name) holds the last etcd member; removing it would end the cluster (teeadm reset on it does that)")
            }
            do {
                try await self.etcd.removeMember(member.id)
            } catch {
                guard case .unavailable = error else { throw error }
                return Self.error(.serviceUnavailable, await QuorumProbe(etcd: self.etcd, ownName: self.controllerName).describeLoss(error))
            }
        }
        _ = try? await self.etcd.delete(ClusterKeys.node(name))
        // A mesh agent's registered address goes with it (other agents stop sending there).
        _ = try? await self.etcd.delete(ClusterKeys.source(provider: ConfigurationDocument.meshProvider,
                                                           name: ConfigurationDocument.meshAgentPrefix + name))
        await self.events.record("node", "\(name) removed" + (member != nil ? " (and its etcd member)" : ""))
        return Self.json(.ok, ["removed": .string(name), "etcdMember": .bool(member != nil)])
    }

    private func nodes() async throws -> Response {
        let (values, stale) = try await self.listWithFallback(ClusterKeys.nodesPrefix)
        let records = values.compactMap { NodeRecord.decode($0.value) }
        let data = try JSONEncoder.sorted.encode(NodeList(nodes: records, stale: stale))
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A linearizable listing, or the local member's copy (marked stale) when quorum is lost.
    private func listWithFallback(_ prefix: String) async throws -> ([StoredValue], stale: Bool) {
        do {
            return (try await self.etcd.list(prefix: prefix).values, false)
        } catch {
            guard case .unavailable = error else { throw error }
            return (try await self.etcd.list(prefix: prefix, serializable: true).values, true)
        }
    }

    /// A linearizable read, or the local member's copy (marked stale) when quorum is lost.
    func readWithFallback(_ key: String) async throws -> (StoredValue?, stale: Bool) {
        do {
            return (try await self.etcd.get(key), false)
        } catch {
            guard case .unavailable = error else { throw error }
            return (try await self.etcd.get(key, serializable: true), true)
        }
    }

    // MARK: Responses

    static func json(_ status: HTTPResponse.Status, _ object: [String: JSONValue], headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: JSONValue.object(object).text)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String, details: [String] = []) -> Response {
        var object: [String: JSONValue] = ["error": .string(message)]
        if !details.isEmpty { object["details"] = .array(details.map(JSONValue.string)) }
        return Self.json(status, object)
    }
}

/// `GET /api/v1/nodes`.
struct NodeList: Codable {
    var nodes: [NodeRecord]
    var stale: Bool
}
