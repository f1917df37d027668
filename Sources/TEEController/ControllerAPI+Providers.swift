import Foundation
import Hummingbird
import TEEStore

extension ControllerAPI {
    /// `GET /api/v1/providers`: each provider the leader runs, with its error while it has one.
    func providers() async throws -> Response {
        Self.json(.ok, ["providers": .array(try await self.providerStatuses())])
    }

    /// The providers' states as the leader recorded them, sorted by provider; `serializable` reads
    /// this member's copy (it answers without quorum).
    func storedProviderStatuses(serializable: Bool = false) async throws -> [ProviderStatus] {
        let values = try await self.etcd.list(prefix: ClusterKeys.providerStatusPrefix, serializable: serializable).values
        let decoder = JSONDecoder()
        return values.compactMap { try? decoder.decode(ProviderStatus.self, from: Data($0.value)) }.sorted { $0.provider < $1.provider }
    }

    /// The providers' states as the leader recorded them.
    func providerStatuses() async throws -> [JSONValue] {
        try await self.storedProviderStatuses()
            .map { status in
                var object: [String: JSONValue] = [
                    "name": .string(status.provider),
                    "status": .string(status.error == nil ? "ok" : "error"),
                    "documents": .array(status.documents.map(JSONValue.string)),
                ]
                if let error = status.error { object["error"] = .string(error) }
                if let changed = status.changed { object["changed"] = .string(ISO8601DateFormatter().string(from: changed)) }
                return .object(object)
            }
    }
}
