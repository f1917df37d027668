/// An LDAP search filter (RFC 4515's string form: `(&(objectClass=person)(uid=alice))`).
public indirect enum LDAPFilter: Sendable, Equatable {
    case and([LDAPFilter])
    case or([LDAPFilter])
    case not(LDAPFilter)
    case equal(attribute: String, value: [UInt8])
    case greaterOrEqual(attribute: String, value: [UInt8])
    case lessOrEqual(attribute: String, value: [UInt8])
    case approximate(attribute: String, value: [UInt8])
    case present(attribute: String)
    /// `attr=initial*any*final`: the parts between the stars (empty initial or final when the value starts or ends with one).
    case substrings(attribute: String, initial: [UInt8]?, any: [[UInt8]], final: [UInt8]?)

    /// `value` escaped for a filter's text (RFC 4515 §3: `*`, `(`, `)`, `\` and NUL as `\XX`), so
    /// that a username put into a filter is always one value.
    public static func escape(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "*": escaped += "\\2a"
            case "(": escaped += "\\28"
            case ")": escaped += "\\29"
            case "\\": escaped += "\\5c"
            case "\u{0}": escaped += "\\00"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Parses a filter's text; the error says what is wrong and where.
    public static func parse(_ text: String) throws(LDAPFilterError) -> LDAPFilter {
        var bytes = Array(text.utf8)[...]
        let filter = try Self.filter(&bytes, text: text)
        guard bytes.isEmpty else { throw LDAPFilterError(description: "unexpected text after the filter in '\(text)'") }
        return filter
    }

    private static func filter(_ bytes: inout ArraySlice<UInt8>, text: String) throws(LDAPFilterError) -> LDAPFilter {
        guard bytes.first == UInt8(ascii: "(") else { throw LDAPFilterError(description: "a filter starts with ( in '\(text)'") }
        bytes = bytes.dropFirst()
        let result: LDAPFilter
        switch bytes.first {
        case UInt8(ascii: "&"), UInt8(ascii: "|"):
            let isAnd = bytes.first == UInt8(ascii: "&")
            bytes = bytes.dropFirst()
            var members: [LDAPFilter] = []
            while bytes.first == UInt8(ascii: "(") { members.append(try Self.filter(&bytes, text: text)) }
            guard !members.isEmpty else { throw LDAPFilterError(description: "& and | need at least one filter in '\(text)'") }
            result = isAnd ? .and(members) : .or(members)
        case UInt8(ascii: "!"):
            bytes = bytes.dropFirst()
            result = .not(try Self.filter(&bytes, text: text))
        default:
            result = try Self.item(&bytes, text: text)
        }
        guard bytes.first == UInt8(ascii: ")") else { throw LDAPFilterError(description: "expected ) in '\(text)'") }
        bytes = bytes.dropFirst()
        return result
    }

    private static func item(_ bytes: inout ArraySlice<UInt8>, text: String) throws(LDAPFilterError) -> LDAPFilter {
        let name = bytes.prefix { $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: "~") && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ")") }
        let attribute = String(decoding: name, as: UTF8.self)
        guard !attribute.isEmpty, attribute.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == ";" }) else {
            throw LDAPFilterError(description: "expected an attribute name in '\(text)'")
        }
        bytes = bytes.dropFirst(name.count)
        var kind = "="
        for candidate in ["~=", ">=", "<=", "="] where bytes.starts(with: Array(candidate.utf8)) {
            kind = candidate
            bytes = bytes.dropFirst(candidate.count)
            break
        }
        let raw = bytes.prefix { $0 != UInt8(ascii: ")") }
        bytes = bytes.dropFirst(raw.count)
        if kind == "=" && raw.elementsEqual([UInt8(ascii: "*")]) { return .present(attribute: attribute) }
        // Split on unescaped stars, then decode each part's \XX escapes.
        let parts = raw.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false)
        let decoded = try parts.map { (part) throws(LDAPFilterError) -> [UInt8] in try Self.unescape(part, text: text) }
        if parts.count > 1 {
            guard kind == "=" else { throw LDAPFilterError(description: "* is only for = in '\(text)'") }
            return .substrings(attribute: attribute, initial: decoded.first!.isEmpty ? nil : decoded.first,
                               any: decoded.dropFirst().dropLast().filter { !$0.isEmpty }, final: decoded.last!.isEmpty ? nil : decoded.last)
        }
        switch kind {
        case "~=": return .approximate(attribute: attribute, value: decoded[0])
        case ">=": return .greaterOrEqual(attribute: attribute, value: decoded[0])
        case "<=": return .lessOrEqual(attribute: attribute, value: decoded[0])
        default: return .equal(attribute: attribute, value: decoded[0])
        }
    }

    private static func unescape(_ part: ArraySlice<UInt8>, text: String) throws(LDAPFilterError) -> [UInt8] {
        var result: [UInt8] = []
        var index = part.startIndex
        while index < part.endIndex {
            if part[index] == UInt8(ascii: "\\") {
                let end = index + 3
                guard end <= part.endIndex, let byte = UInt8(String(decoding: part[(index + 1)..<end], as: UTF8.self), radix: 16) else {
                    throw LDAPFilterError(description: "a \\ in a filter value is followed by two hex digits in '\(text)'")
                }
                result.append(byte)
                index += 3
            } else {
                guard part[index] != UInt8(ascii: "(") else { throw LDAPFilterError(description: "an unescaped ( in a value in '\(text)'") }
                result.append(part[index])
                index += 1
            }
        }
        return result
    }
}

/// Why an LDAP filter could not be read.
public struct LDAPFilterError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
