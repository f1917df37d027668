import Yams

/// A value in a configuration document with its key path and line, so that every error can say where it is.
///
/// Key lookup is case-insensitive, as in Traefik's file provider.
public struct ConfigNode {
    /// The file the node came from.
    public let file: String
    /// The dotted key path of this node.
    public let path: String
    /// The 1-based line of the node's key (of the node itself for the document root).
    public let line: Int?
    let node: Yams.Node

    init(file: String, path: String, node: Yams.Node, key: Yams.Node? = nil) {
        self.file = file
        self.path = path
        self.node = node
        self.line = (key ?? node).mark.map { $0.line }
    }

    /// Parses a YAML document; an empty document is an empty mapping.
    public static func parseYAML(_ text: String, file: String) throws(ConfigurationError) -> ConfigNode {
        do {
            let node = try Yams.compose(yaml: text) ?? Yams.Node.mapping([:])
            return ConfigNode(file: file, path: "", node: node)
        } catch let error as YamlError {
            throw ConfigurationError(file: file, key: "", line: Self.line(of: error), message: "not valid YAML: \(Self.summary(of: error))")
        } catch {
            throw ConfigurationError(file: file, key: "", line: nil, message: "not valid YAML: \(error)")
        }
    }

    /// An error located at this node.
    public func error(_ message: String) -> ConfigurationError {
        ConfigurationError(file: self.file, key: self.path, line: self.line, message: message)
    }

    /// The mapping's entries in document order; an error if the node is not a mapping.
    public func entries() throws(ConfigurationError) -> [(key: String, value: ConfigNode)] {
        guard case .mapping(let mapping) = self.node else {
            throw self.error("expected a mapping of keys to values")
        }
        return mapping.map { key, value in
            let name = key.string ?? "\(key)"
            return (name, ConfigNode(file: self.file, path: self.path.isEmpty ? name : "\(self.path).\(name)", node: value, key: key))
        }
    }

    /// The child under `key` (case-insensitive), or nil.
    public func child(_ key: String) throws(ConfigurationError) -> ConfigNode? {
        try self.entries().first { $0.key.lowercased() == key.lowercased() }?.value
    }

    /// Keys of this mapping that are not in `known` (case-insensitive), as errors.
    public func unknownKeys(known: [String]) throws(ConfigurationError) -> [ConfigurationError] {
        let allowed = Set(known.map { $0.lowercased() })
        return try self.entries().filter { !allowed.contains($0.key.lowercased()) }.map { entry in
            entry.value.error("unknown key; expected one of: \(known.joined(separator: ", "))")
        }
    }

    /// The node as a string scalar.
    public func string() throws(ConfigurationError) -> String {
        guard case .scalar(let scalar) = self.node else { throw self.error("expected a single value") }
        return scalar.string
    }

    /// The node as a boolean (`true`/`false`).
    public func bool() throws(ConfigurationError) -> Bool {
        switch try self.string().lowercased() {
        case "true": return true
        case "false": return false
        case let other: throw self.error("expected true or false, got '\(other)'")
        }
    }

    /// The node as a duration: Go syntax (`10s`, `1m30s`, `500ms`) or a number of seconds.
    public func duration() throws(ConfigurationError) -> Duration {
        let text = try self.string()
        guard let duration = GoDuration.parse(text) else {
            throw self.error("expected a duration such as 10s, 1m30s or 500ms, got '\(text)'")
        }
        return duration
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}
