/// A configuration value as JSON text, for the API's view of an object's settings: scalars that
/// read as booleans or numbers become those, the rest strings.
extension ConfigValue {
    public var jsonText: String {
        switch self {
        case .scalar(let text):
            if text == "true" || text == "false" { return text }
            if let number = Int(text) { return String(number) }
            if let number = Double(text), number.isFinite, text.contains(".") { return String(number) }
            return JSONString.quote(text)
        case .mapping(let entries):
            return "{" + entries.map { "\(JSONString.quote($0.key)):\($0.value.jsonText)" }.joined(separator: ",") + "}"
        case .sequence(let items):
            return "[" + items.map(\.value.jsonText).joined(separator: ",") + "]"
        }
    }
}

extension ConfigValue {
    /// The value with every secret (``ConfigNode/secretKeys``) replaced by `REDACTED`, for showing.
    public func redactingSecrets() -> ConfigValue {
        switch self {
        case .scalar:
            return self
        case .mapping(let entries):
            return .mapping(entries.map { entry in
                guard ConfigNode.secretKeys.contains(entry.key) else { return (entry.key, entry.line, entry.value.redactingSecrets()) }
                return (entry.key, entry.line, entry.value.redactedScalars())
            })
        case .sequence(let items):
            return .sequence(items.map { ($0.line, $0.value.redactingSecrets()) })
        }
    }

    private func redactedScalars() -> ConfigValue {
        switch self {
        case .scalar: .scalar("REDACTED")
        case .mapping(let entries): .mapping(entries.map { ($0.key, $0.line, $0.value.redactedScalars()) })
        case .sequence(let items): .sequence(items.map { ($0.line, $0.value.redactedScalars()) })
        }
    }
}
