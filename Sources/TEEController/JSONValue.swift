import Foundation

/// A small JSON tree for API answers whose shape varies.
enum JSONValue: Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    /// Compact JSON text with sorted keys.
    var text: String {
        switch self {
        case .string(let string):
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            let data = (try? encoder.encode(string)) ?? Data("\"\"".utf8)
            return String(decoding: data, as: UTF8.self)
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let bool):
            return bool ? "true" : "false"
        case .array(let items):
            return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { JSONValue.string($0).text + ":" + members[$0]!.text }.joined(separator: ",") + "}"
        case .null:
            return "null"
        }
    }
}
