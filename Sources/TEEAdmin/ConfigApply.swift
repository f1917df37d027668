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

    /// Reads `path` as a document of the `api` source called `name`.
    public static func document(at path: String, name: String = "main") throws(AdminError) -> ConfigurationDocument {
        guard let content = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AdminError("\(path): cannot read the file")
        }
        let format = path.lowercased().hasSuffix(".toml") ? "toml" : "yaml"
        return ConfigurationDocument(provider: "api", name: name, format: format, content: content)
    }

    /// `-f PATH`: a file is the document `main`; a directory gives one document per YAML, JSON
    /// or TOML file, named after the file (without its extension), in name order.
    public static func documents(at path: String) throws(AdminError) -> [(file: String, document: ConfigurationDocument)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw AdminError("\(path): no such file or directory") }
        guard isDirectory.boolValue else { return [(path, try Self.document(at: path))] }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
            .filter { ["yaml", "yml", "json", "toml"].contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
        guard !names.isEmpty else { throw AdminError("\(path): no .yaml, .yml, .json or .toml files in it") }
        var documents: [(String, ConfigurationDocument)] = []
        for name in names {
            let file = "\(path)/\(name)"
            documents.append((file, try Self.document(at: file, name: (name as NSString).deletingPathExtension)))
        }
        return documents
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
        let path = "/api/v1/config?name=\(document.name)"
        let current = try await self.client.send(.GET, path)
        var old = DynamicConfiguration()
        var headers = ["Content-Type": document.format == "toml" ? "application/toml" : "application/yaml"]
        if current.status == 200 {
            old = (try? ConfigurationDocument(provider: "api", name: document.name, format: current.headers["content-type"]?.contains("toml") == true ? "toml" : "yaml",
                                              content: current.body).parse()) ?? DynamicConfiguration()
            if let etag = current.headers["etag"] { headers["If-Match"] = etag }
        }
        let diff = ConfigurationDiff(from: old, to: new)
        var lines = diff.isEmpty ? ["No changes."] : diff.changes.map(\.description)
        if dryRun { return lines + ["(dry run: nothing was applied)"] }
        let answer = try await self.client.send(.PUT, path, body: document.content, headers: headers)
        guard answer.status == 200 else { throw AdminError("the controller refused the configuration (\(answer.status)):\n\(answer.errorMessage)") }
        let changed = !answer.body.contains("\"changed\":false")
        lines.append(changed ? "Applied (etag \(answer.headers["etag"] ?? "?"))." : "Already in effect (etag \(answer.headers["etag"] ?? "?")).")
        return lines
    }
}
