extension ConfigurationKeySchema {
    /// The keys as a Markdown table (`| key | tee |`), one row per key, for the README.
    public func markdownTable() -> String {
        var lines = ["| key | tee |", "|---|---|"]
        for (key, status) in self.flattened() {
            lines.append("| `\(key)` | \(status.label) |")
        }
        return lines.joined(separator: "\n")
    }
}
