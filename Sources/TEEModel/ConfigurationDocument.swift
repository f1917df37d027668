/// One document of dynamic configuration from a cluster source: what `teeadm config apply`
/// sent (provider `api`) or a file of a controller's `/etc/tee/dynamic.d/` (provider `file`).
public struct ConfigurationDocument: Sendable, Hashable, Codable {
    /// The provider its objects are named after (`name@provider`).
    public var provider: String
    /// Its name within the provider (a file name for `file`).
    public var name: String
    /// `yaml` (JSON too) or `toml`.
    public var format: String
    public var content: String

    public init(provider: String, name: String, format: String, content: String) {
        self.provider = provider
        self.name = name
        self.format = format
        self.content = content
    }

    /// Where errors point: `provider/name`, with the extension that says how it parses.
    public var origin: String { "\(self.provider)/\(self.name)" }

    /// Parses the document; its objects are named after its provider.
    public func parse() throws(ConfigurationError) -> DynamicConfiguration {
        let file = self.format == "toml" && !self.name.hasSuffix(".toml") ? "\(self.origin).toml" : self.origin
        return try DynamicConfigurationParser(provider: self.provider).parse(self.content, file: file)
    }

    /// Parses and merges `documents` into one configuration; any document that does not parse
    /// fails the whole (nothing is half-applied).
    public static func load(_ documents: [ConfigurationDocument]) throws(ConfigurationErrors) -> DynamicConfiguration {
        var merger = DynamicConfigurationMerger()
        var errors: [ConfigurationError] = []
        for document in documents {
            do {
                merger.add(try document.parse(), from: document.origin)
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw ConfigurationErrors(errors) }
        return merger.merged
    }
}
