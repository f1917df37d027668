/// `claims`: a condition on a token's claims, as Traefik Hub writes it:
/// `Equals(`grp`, `admin`) && !Contains(`areas`, `lab`)`. Keys are paths (`user.name`; `\.`
/// for a dot inside a key).
public indirect enum ClaimsExpression: Sendable, Equatable {
    /// The claim's text equals the value.
    case equals(path: [String], value: String)
    /// The claim's text starts with the value.
    case prefix(path: [String], value: String)
    /// A string claim contains the value, or an array claim has it as an item.
    case contains(path: [String], value: String)
    /// The claim split by the separator has the value as a part (`scope` lists).
    case splitContains(path: [String], separator: String, value: String)
    /// An array claim has one of the values as an item, or a claim equals one of them.
    case oneOf(path: [String], values: [String])
    case not(ClaimsExpression)
    case and(ClaimsExpression, ClaimsExpression)
    case or(ClaimsExpression, ClaimsExpression)

    /// Parses `text`; the error says what is wrong and where.
    public static func parse(_ text: String) throws(ClaimsExpressionError) -> ClaimsExpression {
        var parser = ClaimsExpressionParser(text)
        return try parser.parse()
    }

    /// Whether `claims` satisfy the condition.
    public func matches(_ claims: ClaimValue) -> Bool {
        switch self {
        case .equals(let path, let value):
            return claims.value(at: path)?.scalarText == value
        case .prefix(let path, let value):
            return claims.value(at: path)?.scalarText?.hasPrefix(value) ?? false
        case .contains(let path, let value):
            switch claims.value(at: path) {
            case .array(let items): return items.contains { $0.scalarText == value }
            case let claim?: return claim.scalarText?.contains(value) ?? false
            case nil: return false
            }
        case .splitContains(let path, let separator, let value):
            guard let text = claims.value(at: path)?.scalarText, !separator.isEmpty else { return false }
            return text.split(separator: separator, omittingEmptySubsequences: true).contains { $0 == value }
        case .oneOf(let path, let values):
            switch claims.value(at: path) {
            case .array(let items): return items.contains { item in values.contains { $0 == item.scalarText } }
            case let claim?: return values.contains { $0 == claim.scalarText }
            case nil: return false
            }
        case .not(let inner):
            return !inner.matches(claims)
        case .and(let left, let right):
            return left.matches(claims) && right.matches(claims)
        case .or(let left, let right):
            return left.matches(claims) || right.matches(claims)
        }
    }

    /// A claim path from its key: `.` separates, `\.` is a dot and `\\` a backslash within a key.
    public static func path(_ key: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in key {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "." {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}

extension ClaimValue {
    /// The text of a string, number or boolean; nil for arrays, objects and null.
    fileprivate var scalarText: String? {
        switch self {
        case .string, .number, .bool: self.text
        case .array, .object, .null: nil
        }
    }
}

/// Why a `claims` expression could not be read.
public struct ClaimsExpressionError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
