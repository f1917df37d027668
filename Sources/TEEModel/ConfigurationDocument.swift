import Foundation

/// One document of dynamic configuration from a cluster source: what `teeadm config apply`
/// sent (provider `api`) or a file of a controller's `/etc/tee/dynamic.d/` (provider `file`);
/// or the mesh's services and policy (provider `mesh`, what `teeadm mesh apply` sent).
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
        if self.provider == Self.acmeProvider {
            // The challenge answers the leader publishes: JSON of ``ACMEChallengeResponses``.
            var configuration = DynamicConfiguration()
            do {
                configuration.acmeChallenges = try JSONDecoder().decode(ACMEChallengeResponses.self, from: Data(self.content.utf8))
            } catch {
                throw ConfigurationError(file: self.origin, key: "", line: nil, message: "the ACME challenge document is not valid: \(error)")
            }
            return configuration
        }
        if self.format == Self.flatFormat {
            // A provider's flat keys (labels, a key-value store): a JSON object of dotted keys.
            guard let values = try? JSONDecoder().decode([String: String].self, from: Data(self.content.utf8)) else {
                throw ConfigurationError(file: self.origin, key: "", line: nil, message: "the document is not a JSON object of keys and values")
            }
            return try DynamicConfigurationParser(provider: self.provider).parse(FlatConfiguration(values).node(origin: self.origin))
        }
        let file = self.format == "toml" && !self.name.hasSuffix(".toml") ? "\(self.origin).toml" : self.origin
        return try DynamicConfigurationParser(provider: self.provider).parse(self.content, file: file)
    }

    /// The format of a document of flat keys (``FlatConfiguration``), as providers of labels and key-value stores write them.
    public static let flatFormat = "flat"

    /// A provider's document of flat keys.
    public init(provider: String, name: String, flat: FlatConfiguration) {
        let data = (try? JSONSerialization.data(withJSONObject: flat.values, options: [.sortedKeys])) ?? Data("{}".utf8)
        self.init(provider: provider, name: name, format: Self.flatFormat, content: String(decoding: data, as: UTF8.self))
    }

    /// The provider of the document holding the ACME challenge answers in progress (cluster).
    public static let acmeProvider = "acme"

    /// The provider of the mesh's document, which proxies leave to the mesh agents.
    public static let meshProvider = "mesh"

    /// Parses and merges `documents` into one configuration; any document that does not parse
    /// fails the whole (nothing is half-applied). The mesh's document is not part of it.
    public static func load(_ documents: [ConfigurationDocument]) throws(ConfigurationErrors) -> DynamicConfiguration {
        var merger = DynamicConfigurationMerger()
        var errors: [ConfigurationError] = []
        for document in documents where document.provider != Self.meshProvider {
            do {
                merger.add(try document.parse(), from: document.origin)
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw ConfigurationErrors(errors) }
        return merger.merged
    }

    /// The mesh's services and policy in `documents` (empty when there is no mesh document),
    /// with the virtual IPs the controllers gave the services and the agents' addresses.
    public static func loadMesh(_ documents: [ConfigurationDocument]) throws(ConfigurationErrors) -> MeshConfiguration {
        let meshDocuments = documents.filter { $0.provider == Self.meshProvider }
        guard let document = meshDocuments.first(where: { $0.name == Self.meshPolicyName }) else { return MeshConfiguration() }
        let file = document.format == "toml" ? "\(document.origin).toml" : document.origin
        var mesh = try MeshConfigurationParser().parse(document.content, file: file)
        for extra in meshDocuments where extra.name != Self.meshPolicyName {
            if extra.name == Self.meshAddressesName {
                mesh.virtualIPs.merge(extra.meshVirtualIPs) { _, new in new }
            } else if extra.name.hasPrefix(Self.meshAgentPrefix), let address = extra.jsonObject["address"] {
                mesh.agents[String(extra.name.dropFirst(Self.meshAgentPrefix.count))] = address
            }
        }
        return mesh
    }

    /// The virtual IPs in a `mesh/addresses` document (`{"namespace/name": "127.77.x.y"}`).
    public var meshVirtualIPs: [MeshServiceIdentity: String] {
        var addresses: [MeshServiceIdentity: String] = [:]
        for (name, address) in self.jsonObject {
            let parts = name.split(separator: "/").map(String.init)
            guard parts.count == 2 else { continue }
            addresses[MeshServiceIdentity(name: parts[1], namespace: parts[0])] = address
        }
        return addresses
    }

    /// The content as a JSON object of strings (empty when it is not one).
    private var jsonObject: [String: String] {
        (try? JSONSerialization.jsonObject(with: Data(self.content.utf8))) as? [String: String] ?? [:]
    }

    /// The mesh's document of services and policy, as `teeadm mesh apply` stores it.
    public static let meshPolicyName = "main"
    /// The controllers' record of the services' virtual IPs (`{"namespace/name": "127.77.x.y"}`).
    public static let meshAddressesName = "addresses"
    /// Each agent's record of its inter-agent address (`agent-<node>`: `{"address": "host:port"}`).
    public static let meshAgentPrefix = "agent-"
}
