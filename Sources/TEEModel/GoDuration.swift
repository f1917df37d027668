/// Durations in Go's `time.ParseDuration` syntax, which Traefik's configuration uses.
public enum GoDuration {
    /// Parses `300ms`, `1.5h`, `2h45m`, or a bare number of seconds (`10`); nil if malformed or negative.
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingSpaces()
        if let seconds = Double(trimmed) {
            return seconds >= 0 ? .nanoseconds(Int64(seconds * 1e9)) : nil
        }
        var rest = Substring(trimmed)
        guard !rest.isEmpty else { return nil }
        var total: Double = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !$0.isNumber && $0 != "." }
            rest = rest.dropFirst(unit.count)
            guard let scale = Self.nanosecondsPerUnit[String(unit)] else { return nil }
            total += value * scale
        }
        return .nanoseconds(Int64(total))
    }

    private static let nanosecondsPerUnit: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
    ]
}
