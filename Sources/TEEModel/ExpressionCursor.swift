/// Where a small recursive-descent parser is in its text (the circuit breaker's and the claims'
/// expressions): tokens are taken after spaces, and errors say at which character.
struct ExpressionCursor {
    let text: String
    var rest: Substring

    init(_ text: String) {
        self.text = text
        self.rest = Substring(text)
    }

    /// Takes `token` (after any spaces) when it comes next.
    mutating func consume(_ token: String) -> Bool {
        self.skipSpaces()
        guard self.rest.hasPrefix(token) else { return false }
        self.rest = self.rest.dropFirst(token.count)
        return true
    }

    mutating func skipSpaces() {
        self.rest = self.rest.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
    }

    /// The leading letters (a function's name), taken.
    mutating func name() -> Substring {
        self.skipSpaces()
        let name = self.rest.prefix { $0.isLetter }
        self.rest = self.rest.dropFirst(name.count)
        return name
    }

    /// `message` with where the cursor is: "… at character N of 'TEXT'".
    func describe(_ message: String) -> String {
        let position = self.text.distance(from: self.text.startIndex, to: self.rest.startIndex) + 1
        return "\(message) at character \(position) of '\(self.text)'"
    }
}
