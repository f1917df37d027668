import Yams

/// Reads YAML into a ``ConfigNode`` tree, keeping each key's line.
enum YAMLDocument {
    static func parse(_ text: String, file: String) throws(ConfigurationError) -> ConfigNode {
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError(file: file, key: "", line: Self.line(of: error), message: "not valid YAML: \(Self.summary(of: error))")
        } catch {
            throw ConfigurationError(file: file, key: "", line: nil, message: "not valid YAML: \(error)")
        }
        guard let root else { return ConfigNode(file: file, path: "", line: nil, value: .mapping([])) }
        return ConfigNode(file: file, path: "", line: root.mark?.line, value: Self.convert(root))
    }

    private static func convert(_ node: Yams.Node) -> ConfigValue {
        switch node {
        case .scalar(let scalar):
            // `~` and `null` are YAML's nothing: treat like an empty value.
            return .scalar(scalar.tag == Tag(.null) ? "" : scalar.string)
        case .mapping(let mapping):
            return .mapping(mapping.map { key, value in (key.string ?? "\(key)", key.mark?.line, Self.convert(value)) })
        case .sequence(let sequence):
            return .sequence(sequence.map { ($0.mark?.line, Self.convert($0)) })
        case .alias:
            return .scalar("")
        }
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
