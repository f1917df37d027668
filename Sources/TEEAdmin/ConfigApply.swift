import Foundation
public import TEEModel

/// `teeadm config apply`: reads a document, checks it, shows what it changes against what the
/// cluster has, and (unless a dry run) sends it with If-Match so that a concurrent change is
/// not overwritten.
public struct ConfigApply: Sendable {
    public let client: ControllerClient

    public init(client: ControllerClient) {
        self.client = client
    }

    /// Reads `path` as a document of the `api` source.
    public static func document(at path: String) throws(AdminError) -> ConfigurationDocument {
        guard let content = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AdminError("\(path): cannot read the file")
        }
        let format = path.lowercased().hasSuffix(".toml") ? "toml" : "yaml"
        return ConfigurationDocument(provider: "api", name: "main", format: format, content: content)
    }

    /// The lines to print; throws with the controller's reason when it refuses.
    public func run(_ document: ConfigurationDocument, file: String, dryRun: Bool) async throws(AdminError) -> [String] {
        let new: DynamicConfiguration
        do {
            var renamed = document
            renamed.name = file
            new = try ConfigurationDocument.load([renamed])
        } catch {
            throw AdminError("\(file) does not load; nothing was applied:\n" + error.errors.map { "  \($0)" }.joined(separator: "\n"))
        }
        if !new.problems.isEmpty {
            throw AdminError("\(file) has invalid objects; nothing was applied:\n" + new.problems.map { "  \($0)" }.joined(separator: "\n"))
        }
        let current = try await self.client.send(.GET, "/api/v1/config")
        var old = DynamicConfiguration()
        var headers = ["Content-Type": document.format == "toml" ? "application/toml" : "application/yaml"]
        if current.status == 200 {
            old = (try? ConfigurationDocument(provider: "api", name: "main", format: current.headers["content-type"]?.contains("toml") == true ? "toml" : "yaml",
                                              content: current.body).parse()) ?? DynamicConfiguration()
            if let etag = current.headers["etag"] { headers["If-Match"] = etag }
        }
        let diff = ConfigurationDiff(from: old, to: new)
        var lines = diff.isEmpty ? ["No changes."] : diff.changes.map(\.description)
        if dryRun { return lines + ["(dry run: nothing was applied)"] }
        let answer = try await self.client.send(.PUT, "/api/v1/config", body: document.content, headers: headers)
        guard answer.status == 200 else { throw AdminError("the controller refused the configuration (\(answer.status)):\n\(answer.errorMessage)") }
        let changed = !answer.body.contains("\"changed\":false")
        lines.append(changed ? "Applied (etag \(answer.headers["etag"] ?? "?"))." : "Already in effect (etag \(answer.headers["etag"] ?? "?")).")
        return lines
    }
}
