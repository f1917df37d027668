/// Splits a rule into tokens: matcher names, backtick or double-quoted strings, `( ) , && || !`.
struct RuleLexer {
    /// A token and the 1-based column where it starts.
    struct Located: Equatable {
        let token: RuleToken
        let column: Int
    }

    static func tokenize(_ rule: String) throws(RuleSyntaxError) -> [Located] {
        var tokens: [Located] = []
        let characters = Array(rule)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            switch character {
            case " ", "\t", "\n", "\r":
                index += 1
            case "(":
                tokens.append(Located(token: .openParenthesis, column: column)); index += 1
            case ")":
                tokens.append(Located(token: .closeParenthesis, column: column)); index += 1
            case ",":
                tokens.append(Located(token: .comma, column: column)); index += 1
            case "!":
                tokens.append(Located(token: .not, column: column)); index += 1
            case "&", "|":
                guard index + 1 < characters.count, characters[index + 1] == character else {
                    throw RuleSyntaxError(column: column, message: "'\(character)' must be doubled: use \(character)\(character)")
                }
                tokens.append(Located(token: character == "&" ? .and : .or, column: column)); index += 2
            case "`":
                guard let end = characters[(index + 1)...].firstIndex(of: "`") else {
                    throw RuleSyntaxError(column: column, message: "unterminated string: missing closing `")
                }
                tokens.append(Located(token: .string(String(characters[(index + 1)..<end])), column: column))
                index = end + 1
            case "\"":
                var value = ""
                var cursor = index + 1
                var closed = false
                while cursor < characters.count {
                    let current = characters[cursor]
                    if current == "\\", cursor + 1 < characters.count {
                        value.append(characters[cursor + 1]); cursor += 2; continue
                    }
                    if current == "\"" { closed = true; break }
                    value.append(current); cursor += 1
                }
                guard closed else { throw RuleSyntaxError(column: column, message: "unterminated string: missing closing \"") }
                tokens.append(Located(token: .string(value), column: column))
                index = cursor + 1
            case _ where character.isLetter:
                var end = index
                while end < characters.count, characters[end].isLetter || characters[end].isNumber { end += 1 }
                tokens.append(Located(token: .identifier(String(characters[index..<end])), column: column))
                index = end
            default:
                throw RuleSyntaxError(column: column, message: "unexpected character '\(character)'")
            }
        }
        return tokens
    }
}
