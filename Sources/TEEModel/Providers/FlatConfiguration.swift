import Foundation

/// Dynamic configuration written as flat keys, as Docker labels and key-value stores carry it:
/// `http.routers.web.rule` = ``Host(`a`)``, `http.services.web.loadBalancer.servers.0.url` (or
/// `servers[0].url`) = `http://10.0.0.2:80`. Keys are case-insensitive, as in Traefik; numeric
/// segments make lists; a comma-separated value fills a list of strings.
public struct FlatConfiguration: Sendable, Hashable, Codable {
    /// Dotted keys (without the provider's `traefik` root) and their values.
    public var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The keys of a store under `root` (`traefik/http/routers/web/rule`, separated by `/`), as
    /// dotted keys; keys outside the root and the root itself are left out.
    public static func fromStore(_ pairs: [String: String], root: String) -> FlatConfiguration {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        var values: [String: String] = [:]
        for (key, value) in pairs {
            let trimmed = key.hasPrefix("/") && !prefix.hasPrefix("/") ? String(key.dropFirst()) : key
            guard trimmed.hasPrefix(prefix) else { continue }
            let path = trimmed.dropFirst(prefix.count).split(separator: "/").joined(separator: ".")
            if !path.isEmpty { values[path] = value }
        }
        return FlatConfiguration(values)
    }

    /// The labels under `traefik.` as dotted keys (`traefik.enable` and the provider's own labels included).
    public static func fromLabels(_ labels: [String: String], prefix: String = "traefik.") -> FlatConfiguration {
        var values: [String: String] = [:]
        for (label, value) in labels where label.lowercased().hasPrefix(prefix) {
            values[String(label.dropFirst(prefix.count))] = value
        }
        return FlatConfiguration(values)
    }

    /// The key's segments: dots separate them and `name[0]` is `name`, `0`.
    static func segments(_ key: String) -> [String] {
        var segments: [String] = []
        for part in key.split(separator: ".", omittingEmptySubsequences: false) {
            var text = Substring(part)
            while let open = text.firstIndex(of: "["), text.hasSuffix("]") {
                let name = text[..<open]
                let index = text[text.index(after: open)..<text.index(before: text.endIndex)]
                if !name.isEmpty { segments.append(String(name)) }
                segments.append(String(index))
                text = ""
            }
            if !text.isEmpty { segments.append(String(text)) }
        }
        return segments
    }

    /// The configuration tree, for ``DynamicConfigurationParser``; `origin` names it in errors
    /// (`docker/whoami`), keys keep the case they were written in.
    public func node(origin: String) throws(ConfigurationError) -> ConfigNode {
        let root = TreeNode()
        for key in self.values.keys.sorted() {
            let segments = Self.segments(key)
            guard !segments.isEmpty, !segments.contains(where: \.isEmpty) else {
                throw ConfigurationError(file: origin, key: key, line: nil, message: "the key has an empty part; write it as http.routers.NAME.rule")
            }
            var node = root
            for segment in segments { node = node.child(segment) }
            node.value = self.values[key]
        }
        return ConfigNode(file: origin, path: "", line: nil, value: try root.configValue(origin: origin, path: ""))
    }

    /// A key's place in the tree being built.
    private final class TreeNode {
        var value: String?
        var children: [(key: String, node: TreeNode)] = []

        func child(_ key: String) -> TreeNode {
            if let existing = self.children.first(where: { $0.key.lowercased() == key.lowercased() }) { return existing.node }
            let node = TreeNode()
            self.children.append((key, node))
            return node
        }

        func configValue(origin: String, path: String) throws(ConfigurationError) -> ConfigValue {
            guard !self.children.isEmpty else { return .scalar(self.value ?? "") }
            func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
            let indexes = self.children.compactMap { Int($0.key) }
            if indexes.count == self.children.count {
                guard Set(indexes) == Set(0..<indexes.count) else {
                    throw ConfigurationError(file: origin, key: path, line: nil,
                                             message: "list indexes must run from 0 without gaps, found \(indexes.sorted().map(String.init).joined(separator: ", "))")
                }
                var items: [(line: Int?, value: ConfigValue)] = []
                for (key, node) in self.children.sorted(by: { Int($0.key)! < Int($1.key)! }) {
                    items.append((nil, try node.configValue(origin: origin, path: childPath(key))))
                }
                return .sequence(items)
            }
            var entries: [(key: String, line: Int?, value: ConfigValue)] = []
            for (key, node) in self.children {
                entries.append((key, nil, try node.configValue(origin: origin, path: childPath(key))))
            }
            return .mapping(entries)
        }
    }
}
