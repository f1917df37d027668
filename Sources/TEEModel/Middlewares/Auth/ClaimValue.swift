/// A JSON value from a token's claims (a JWT's payload or an introspection answer).
public indirect enum ClaimValue: Sendable, Equatable, Decodable {
    case string(String)
    /// A number, kept as its JSON text (`3`, `1.5`).
    case number(String)
    case bool(Bool)
    case array([ClaimValue])
    case object([String: ClaimValue])
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ClaimValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ClaimValue].self))
        }
    }

    /// The value at a claim path (`user.name` is `["user", "name"]`).
    public func value(at path: [String]) -> ClaimValue? {
        var current = self
        for key in path {
            guard case .object(let members) = current, let next = members[key] else { return nil }
            current = next
        }
        return current
    }

    /// The value as a header or comparison sees it: a string as it is, numbers and booleans as
    /// their JSON text, arrays and objects as JSON.
    public var text: String {
        switch self {
        case .string(let value): value
        case .number(let value): value
        case .bool(let value): value ? "true" : "false"
        case .null: ""
        case .array, .object: self.json
        }
    }

    /// The number, when the value is one (or a string holding one).
    public var number: Double? {
        switch self {
        case .number(let text), .string(let text): Double(text)
        default: nil
        }
    }

    private var json: String {
        switch self {
        case .string(let value): JSONString.quote(value)
        case .number(let value): value
        case .bool(let value): value ? "true" : "false"
        case .null: "null"
        case .array(let items): "[" + items.map(\.json).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.keys.sorted().map { "\(JSONString.quote($0)):\(members[$0]!.json)" }.joined(separator: ",") + "}"
        }
    }
}
