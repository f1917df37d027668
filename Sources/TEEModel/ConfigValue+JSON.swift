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
