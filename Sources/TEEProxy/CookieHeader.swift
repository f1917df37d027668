import TEEModel

/// Reads the request's `Cookie` headers.
enum CookieHeader {
    /// The value of cookie `name` in `headers` (the request's `Cookie` values), if present.
    static func value(named name: String, in headers: [String]) -> String? {
        for header in headers {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingSpaces() == name { return String(parts[1].trimmingSpaces()) }
            }
        }
        return nil
    }
}
