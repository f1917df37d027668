/// The keys a configuration format knows, as a tree, each with what tee does with it.
///
/// Built from an outline, one key per line, two spaces of indentation per level:
///
///     entryPoints
///       *                      (any name: the user's own)
///         address
///         http3                - (not yet: warned)
///     global                   ~ tee never calls home (no effect: warned with the reason)
///     plugin
///       **                     (anything below: free-form settings)
///     domains[]                (a list of mappings with these keys)
///       main
///
/// A key without a mark has its parent's status; `+` marks a key supported under a warned parent;
/// `!` a kind of object tee lacks, whose objects are disabled with an error rather than warned about.
public struct ConfigurationKeySchema: Sendable {
    /// The key as Traefik spells it; `*` for a user-chosen name, `**` for anything below.
    public let name: String
    /// What tee does with the key (inherited from the parent when the outline gives no mark).
    public let status: ConfigurationKeyStatus
    /// Whether the value is a list of mappings whose keys are ``children``.
    public let isList: Bool
    public let children: [ConfigurationKeySchema]
    /// The name lower-cased once, for the case-insensitive lookups of ``child(_:)``.
    private let matchName: String

    init(name: String, status: ConfigurationKeyStatus, isList: Bool, children: [ConfigurationKeySchema]) {
        self.name = name
        self.matchName = name.lowercased()
        self.status = status
        self.isList = isList
        self.children = children
    }

    /// Parses an outline (see the type's documentation); a malformed outline is a programming error.
    public init(outline: String) {
        var lines: [(depth: Int, text: Substring)] = []
        for line in outline.split(separator: "\n") where !line.allSatisfy({ $0 == " " }) {
            let spaces = line.prefix { $0 == " " }.count
            precondition(spaces % 2 == 0, "key outline: odd indentation in '\(line)'")
            lines.append((spaces / 2, line.dropFirst(spaces)))
        }
        var position = 0
        let children = Self.parseChildren(lines, depth: 0, position: &position, inherited: .supported)
        self.init(name: "", status: .supported, isList: false, children: children)
    }

    private static func parseChildren(_ lines: [(depth: Int, text: Substring)], depth: Int, position: inout Int,
                                      inherited: ConfigurationKeyStatus) -> [ConfigurationKeySchema] {
        var result: [ConfigurationKeySchema] = []
        while position < lines.count, lines[position].depth >= depth {
            precondition(lines[position].depth == depth, "key outline: '\(lines[position].text)' is indented too far")
            let text = lines[position].text
            position += 1
            var name = Substring(text.prefix { $0 != " " })
            let mark = text.dropFirst(name.count).trimmingSpaces()
            var status = inherited
            if mark == "+" {
                status = .supported
            } else if mark == "-" {
                status = .notYet
            } else if mark == "!" {
                status = .disablesObject
            } else if mark.hasPrefix("~") {
                status = .noEffect(String(mark.dropFirst().trimmingSpaces()))
            } else {
                precondition(mark.isEmpty, "key outline: unknown mark '\(mark)'")
            }
            let isList = name.hasSuffix("[]")
            if isList { name = name.dropLast(2) }
            let children = Self.parseChildren(lines, depth: depth + 1, position: &position, inherited: status)
            result.append(ConfigurationKeySchema(name: String(name), status: status, isList: isList, children: children))
        }
        return result
    }

    /// The schema of a key under this one: by name (case-insensitive, as Traefik's file provider), else `*` or `**`.
    public func child(_ key: String) -> ConfigurationKeySchema? {
        let key = key.lowercased()
        return self.children.first { $0.matchName == key } ?? self.children.first { $0.name == "*" || $0.name == "**" }
    }

    /// Checks a document against the schema: unknown keys are errors naming the keys allowed there;
    /// each key tee does not act on gets one warning (none for the keys beneath it).
    public func validate(_ node: ConfigNode, errors: inout [ConfigurationError], warnings: inout [ConfigurationError]) {
        self.validate(node, warned: false, errors: &errors, warnings: &warnings)
    }

    private func validate(_ node: ConfigNode, warned: Bool, errors: inout [ConfigurationError], warnings: inout [ConfigurationError]) {
        guard case .mapping = node.value, let entries = try? node.entries() else { return }
        for (key, value) in entries {
            guard let schema = self.child(key) else {
                let known = self.children.map(\.name).joined(separator: ", ")
                errors.append(value.error("unknown key; expected one of: \(known)"))
                continue
            }
            if schema.name == "**" { continue }
            var warnedHere = warned
            if !warned, let warning = schema.status.warning {
                warnings.append(value.error(warning))
                warnedHere = true
            }
            if schema.status == .disablesObject { warnedHere = true }
            guard !schema.children.isEmpty else { continue }
            if schema.isList, case .sequence = value.value {
                for item in (try? value.items()) ?? [] {
                    schema.validate(item, warned: warnedHere, errors: &errors, warnings: &warnings)
                }
            } else {
                schema.validate(value, warned: warnedHere, errors: &errors, warnings: &warnings)
            }
        }
    }

    /// Every key below this one as a dotted path (`entryPoints.<name>.address`) with its status, in outline order.
    public func flattened(prefix: String = "") -> [(key: String, status: ConfigurationKeyStatus)] {
        self.children.flatMap { child -> [(key: String, status: ConfigurationKeyStatus)] in
            let name = switch child.name {
            case "*": "<name>"
            case "**": "…"
            default: child.name + (child.isList ? "[]" : "")
            }
            let path = prefix.isEmpty ? name : "\(prefix).\(name)"
            return [(path, child.status)] + child.flattened(prefix: path)
        }
    }
}
