/// Finds the line where a key path is written in TOML text: table headers (`[a.b]`,
/// `[[a.b]]` with their index) and `key = value` lines. A path that is not written
/// out (inside an inline table) gets the line of its nearest written ancestor.
struct TOMLKeyLocator {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let text = String(raw.trimmingSpaces())
            if text.hasPrefix("[[") {
                let name = Self.normalise(text.dropFirst(2).prefix { $0 != "]" })
                let count = arrayCounts[name, default: 0]
                arrayCounts[name] = count + 1
                table = "\(name)[\(count)]"
                self.record(table, line)
            } else if text.hasPrefix("[") {
                table = Self.normalise(text.dropFirst().prefix { $0 != "]" })
                self.record(table, line)
            } else if let equals = text.firstIndex(of: "="), !text.hasPrefix("#") {
                let key = Self.normalise(text[..<equals])
                self.record(table.isEmpty ? key : "\(table).\(key)", line)
            }
        }
    }

    /// The line of `path`, or of its nearest ancestor that is written in the text.
    func line(of path: String) -> Int? {
        var current = Substring(path)
        while !current.isEmpty {
            if let line = self.lines[String(current)] { return line }
            guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            current = current[..<cut]
        }
        return nil
    }

    private mutating func record(_ path: String, _ line: Int) {
        if self.lines[path] == nil { self.lines[path] = line }
        // A dotted key also introduces its parents.
        var parent = Substring(path)
        while let dot = parent.lastIndex(of: ".") {
            parent = parent[..<dot]
            if self.lines[String(parent)] == nil { self.lines[String(parent)] = line }
        }
    }

    /// `"a" . b` → `a.b`.
    private static func normalise(_ key: Substring) -> String {
        key.split(separator: ".").map { part in
            String(part.trimmingSpaces()).filter { $0 != "\"" && $0 != "'" }
        }.joined(separator: ".")
    }
}
