/// A configuration value as JSON text, for the API's view of an object's settings: scalars that
/// read as booleans or numbers become those, the rest strings.
extension ConfigValue {
    public var jsonText: String {
        switch self {
        case .scalar(let text):
            if text == "true" || text == "false" { return text }
            if let number = Int(text) { return String(number) }
            if let number = Double(text), number.isFinite, text.contains(".") { return String(number) }
            return Self.quoted(text)
        case .mapping(let entries):
            return "{" + entries.map { "\(Self.quoted($0.key)):\($0.value.jsonText)" }.joined(separator: ",") + "}"
        case .sequence(let items):
            return "[" + items.map(\.value.jsonText).joined(separator: ",") + "]"
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
