/// A value in a configuration document with its key path and line, so that every error can say where it is.
///
/// Key lookup is case-insensitive, as in Traefik's file provider.
public struct ConfigNode: Sendable {
    /// The file the node came from.
    public let file: String
    /// The dotted key path of this node (`http.routers.api.rule`, `…servers[0].url`).
    public let path: String
    /// The 1-based line of the node's key, when known.
    public let line: Int?
    /// The value.
    public let value: ConfigValue

    public init(file: String, path: String, line: Int?, value: ConfigValue) {
        self.file = file
        self.path = path
        self.line = line
        self.value = value
    }

    /// Parses YAML or TOML, chosen by the file's extension (`.toml` is TOML, anything else YAML).
    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> ConfigNode {
        file.lowercased().hasSuffix(".toml") ? try TOMLDocument.parse(text, file: file) : try YAMLDocument.parse(text, file: file)
    }

    /// An error located at this node.
    public func error(_ message: String) -> ConfigurationError {
        ConfigurationError(file: self.file, key: self.path, line: self.line, message: message)
    }

    /// The mapping's entries in document order; an error if the node is not a mapping.
    public func entries() throws(ConfigurationError) -> [(key: String, value: ConfigNode)] {
        switch self.value {
        case .mapping(let entries):
            return entries.map { entry in
                let path = self.path.isEmpty ? entry.key : "\(self.path).\(entry.key)"
                return (entry.key, ConfigNode(file: self.file, path: path, line: entry.line ?? self.line, value: entry.value))
            }
        case .scalar(let text) where text.isEmpty || text.lowercased() == "true":
            // `key:` with nothing after it is an empty mapping; so is `true`, as labels enable a
            // section with no settings (`traefik.http.routers.web.tls=true`).
            return []
        default:
            throw self.error("expected a mapping of keys to values")
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

    /// Throws the first unknown key, naming the keys that are allowed.
    public func requireKnownKeys(_ known: [String]) throws(ConfigurationError) {
        if let first = try self.unknownKeys(known: known).first { throw first }
    }

    /// The items of a sequence; an error if the node is not one.
    public func items() throws(ConfigurationError) -> [ConfigNode] {
        switch self.value {
        case .sequence(let items):
            return items.enumerated().map { index, item in
                ConfigNode(file: self.file, path: "\(self.path)[\(index)]", line: item.line ?? self.line, value: item.value)
            }
        case .scalar(let text) where text.isEmpty:
            return []
        default:
            throw self.error("expected a list")
        }
    }

    /// The node as a string scalar.
    public func string() throws(ConfigurationError) -> String {
        guard case .scalar(let text) = self.value else { throw self.error("expected a single value") }
        return text
    }

    /// A list of strings; a single string counts as a list of one, and `a,b` is split like Traefik's labels.
    public func stringList() throws(ConfigurationError) -> [String] {
        if case .scalar(let text) = self.value {
            return text.split(separator: ",").map { String($0.trimmingSpaces()) }.filter { !$0.isEmpty }
        }
        return try self.items().map { (item) throws(ConfigurationError) -> String in try item.string() }
    }

    /// The node as a boolean (`true`/`false`).
    public func bool() throws(ConfigurationError) -> Bool {
        switch try self.string().lowercased() {
        case "true": return true
        case "false": return false
        case let other: throw self.error("expected true or false, got '\(other)'")
        }
    }

    /// The node as an integer.
    public func int() throws(ConfigurationError) -> Int {
        let text = try self.string()
        guard let value = Int(text) else { throw self.error("expected a whole number, got '\(text)'") }
        return value
    }

    /// The node as a duration: Go syntax (`10s`, `1m30s`, `500ms`) or a number of seconds.
    public func duration() throws(ConfigurationError) -> Duration {
        let text = try self.string()
        guard let duration = GoDuration.parse(text) else {
            throw self.error("expected a duration such as 10s, 1m30s or 500ms, got '\(text)'")
        }
        return duration
    }
}
