import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import TEEModel
import TEEStore

/// Events and join tokens.
extension ControllerAPI {
    /// `GET /api/v1/events?limit=N`: the newest events, oldest first.
    func recentEvents(_ request: Request) async throws -> Response {
        let limit = request.uri.queryParameters.get("limit").flatMap(Int.init).map { min(max($0, 1), EventLog.retention) } ?? 100
        var stale = false
        let events: [ClusterEvent]
        do {
            events = try await self.events.recent(limit: limit, serializable: false)
        } catch {
            guard case .unavailable = error else { throw error }
            events = try await self.events.recent(limit: limit, serializable: true)
            stale = true
        }
        return Self.json(.ok, [
            "events": .array(events.map { .object(["time": .number(Double($0.time)), "controller": .string($0.controller),
                                                   "kind": .string($0.kind), "message": .string($0.message)]) }),
            "stale": .bool(stale),
        ])
    }

    /// `POST /api/v1/tokens` with `{"role": "proxy", "ttl": "24h", "description": "…"}`: the
    /// token is in the answer only; the store keeps its hash.
    func createToken(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
              let role = object["role"] as? String else {
            return Self.error(.badRequest, "send {\"role\": \"controller|proxy|mesh\", \"ttl\": \"24h\"}")
        }
        guard JoinToken.roles.contains(role) else {
            return Self.error(.badRequest, "role '\(role)' is not one of \(JoinToken.roles.joined(separator: ", "))")
        }
        var ttl = Duration.seconds(24 * 3600)
        if let text = object["ttl"] as? String {
            guard let parsed = GoDuration.parse(text), parsed > .zero else {
                return Self.error(.badRequest, "ttl '\(text)' is not a duration such as 30m, 24h or 168h")
            }
            ttl = parsed
        }
        let (record, token) = JoinToken.make(role: role, ttl: ttl, description: object["description"] as? String)
        do {
            try await self.etcd.put(ClusterKeys.tokensPrefix + record.id, Array(try JSONEncoder.sorted.encode(record)))
        } catch let error as EtcdError {
            guard case .unavailable = error else { throw error }
            return Self.error(.serviceUnavailable, await QuorumProbe(etcd: self.etcd, ownName: self.controllerName).describeLoss(error))
        }
        await self.events.record("token", "join token \(record.id) created for role \(role)")
        return Self.json(.created, ["token": .string(token), "id": .string(record.id), "role": .string(role),
                                    "expires": .number(record.expires)])
    }

    /// `GET /api/v1/tokens`: ids, roles and expiry, never secrets.
    func tokens() async throws -> Response {
        let values = try await self.etcd.list(prefix: ClusterKeys.tokensPrefix).values
        let tokens = values.compactMap { try? JSONDecoder().decode(JoinToken.self, from: Data($0.value)) }
        let now = Date().timeIntervalSince1970
        return Self.json(.ok, ["tokens": .array(tokens.map { token in
            var object: [String: JSONValue] = ["id": .string(token.id), "role": .string(token.role), "expires": .number(token.expires),
                                               "expired": .bool(token.expires <= now)]
            if let description = token.description { object["description"] = .string(description) }
            return .object(object)
        })])
    }

    /// `DELETE /api/v1/tokens/ID`.
    func deleteToken(_ id: String) async throws -> Response {
        guard try await self.etcd.delete(ClusterKeys.tokensPrefix + id) > 0 else {
            return Self.error(.notFound, "no join token \(id); list them with teeadm token list")
        }
        await self.events.record("token", "join token \(id) deleted")
        return Self.json(.ok, ["deleted": .string(id)])
    }
}
