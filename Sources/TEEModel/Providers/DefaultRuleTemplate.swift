import Foundation

/// A provider's `defaultRule`: a Go template of the rule given to routers that name none, such
/// as ``Host(`{{ normalize .Name }}`)``. The template language is the part Traefik's users
/// write: `.Name`, `index .Labels "key"`, and `normalize` (runs of characters other than letters
/// and digits become one `-`).
public struct DefaultRuleTemplate: Sendable, Equatable {
    /// Traefik's default for Docker.
    public static let docker = try! DefaultRuleTemplate("Host(`{{ normalize .Name }}`)")

    enum Piece: Equatable {
        case text(String)
        case name(normalized: Bool)
        case label(String, normalized: Bool)
    }

    let pieces: [Piece]
    public let source: String

    struct InvalidTemplate: Error, CustomStringConvertible {
        let description: String
    }

    init(_ source: String) throws {
        self.source = source
        var pieces: [Piece] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw InvalidTemplate(description: "a {{ has no closing }}")
            }
            pieces.append(try Self.action(String(rest[open.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    /// One `{{ … }}`: `.Name`, `normalize .Name`, `index .Labels "key"`, `normalize (index .Labels "key")`.
    private static func action(_ text: String) throws -> Piece {
        var words = text.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
            .split(separator: " ").map(String.init)
        let normalized = words.first == "normalize"
        if normalized { words.removeFirst() }
        if words == [".Name"] { return .name(normalized: normalized) }
        if words.count == 3, words[0] == "index", words[1] == ".Labels", words[2].count >= 2, words[2].hasPrefix("\""), words[2].hasSuffix("\"") {
            return .label(String(words[2].dropFirst().dropLast()), normalized: normalized)
        }
        throw InvalidTemplate(description: "'{{\(text)}}' is not supported; use {{ normalize .Name }}, {{ .Name }} or {{ index .Labels \"key\" }}")
    }

    static func parse(_ node: ConfigNode) throws(ConfigurationError) -> DefaultRuleTemplate {
        let text = try node.string()
        do {
            return try DefaultRuleTemplate(text)
        } catch {
            throw node.error("\(error)")
        }
    }

    /// The rule for an object called `name` with `labels`.
    public func render(name: String, labels: [String: String]) -> String {
        self.pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .name(let normalized): normalized ? Self.normalize(name) : name
            case .label(let key, let normalized): normalized ? Self.normalize(labels[key] ?? "") : labels[key] ?? ""
            }
        }.joined()
    }

    /// Traefik's `normalize`: letters and digits kept, every other run of characters one `-`.
    public static func normalize(_ name: String) -> String {
        name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
    }

    public static func == (lhs: DefaultRuleTemplate, rhs: DefaultRuleTemplate) -> Bool { lhs.source == rhs.source }
}
