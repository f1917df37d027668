import Foundation
import Hummingbird
import NIOCore
import TEEModel

extension ControllerAPI {
    /// The key of the mesh's document (services and policy), one for the cluster.
    static let meshDocumentKey = ClusterKeys.source(provider: ConfigurationDocument.meshProvider, name: "main")

    /// `GET /api/v1/mesh`: the mesh's document as applied, with its `ETag`.
    func getMesh() async throws -> Response {
        try await self.storedDocument(Self.meshDocumentKey, missing: "no mesh services or policy have been applied; apply them with teeadm mesh apply -f FILE")
    }

    /// `PUT /api/v1/mesh`: replaces the mesh's services and policy. The document is checked whole
    /// (every object, every reference) and refused with 422 and each problem's line otherwise.
    func applyMesh(_ request: Request) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maxDocumentBytes)
        let format = (request.headers[.contentType] ?? "").contains("toml") ? "toml" : "yaml"
        let document = ConfigurationDocument(provider: ConfigurationDocument.meshProvider, name: "main", format: format, content: String(buffer: body))
        do {
            _ = try ConfigurationDocument.loadMesh([document])
        } catch {
            return Self.error(.unprocessableContent, "the mesh document does not load; nothing was applied", details: error.errors.map(\.description))
        }
        return try await self.store(document, key: Self.meshDocumentKey, request: request)
    }
}
