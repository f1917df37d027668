/// Dotted keys looked up case-insensitively, as a provider completes labels into a configuration.
struct FlatKeys {
    private(set) var values: [String: String] = [:]

    /// Keys are rewritten with dots only (`servers[0].url` is `servers.0.url`).
    init(_ values: [String: String]) {
        for (key, value) in values { self.values[FlatConfiguration.segments(key).joined(separator: ".")] = value }
    }

    private func key(matching wanted: String) -> String? {
        let lowered = wanted.lowercased()
        return self.values.keys.first { $0.lowercased() == lowered }
    }

    func value(of key: String) -> String? {
        self.key(matching: key).flatMap { self.values[$0] }
    }

    mutating func set(_ key: String, _ value: String) {
        self.values[self.key(matching: key) ?? key] = value
    }

    mutating func remove(_ key: String) -> String? {
        guard let found = self.key(matching: key) else { return nil }
        return self.values.removeValue(forKey: found)
    }

    /// The names directly under `prefix` (`http.services` gives each service's name), sorted.
    func names(under prefix: String) -> [String] {
        let lowered = prefix.lowercased() + "."
        var seen: [String: String] = [:]
        for key in self.values.keys where key.lowercased().hasPrefix(lowered) {
            let name = key.dropFirst(lowered.count).prefix { $0 != "." }
            if !name.isEmpty && seen[name.lowercased()] == nil { seen[name.lowercased()] = String(name) }
        }
        return seen.values.sorted()
    }

    /// The objects of one kind of one protocol (`names("http", "routers")`).
    func names(_ proto: String, _ kind: String) -> [String] {
        self.names(under: "\(proto).\(kind)")
    }

    /// Removes the keys under `prefix`, returning them by their rest, lower-cased (`port`).
    mutating func removeAll(under prefix: String) -> [String: String] {
        let lowered = prefix.lowercased() + "."
        var removed: [String: String] = [:]
        for key in self.values.keys where key.lowercased().hasPrefix(lowered) {
            removed[String(key.dropFirst(lowered.count)).lowercased()] = self.values.removeValue(forKey: key)
        }
        return removed
    }
}
