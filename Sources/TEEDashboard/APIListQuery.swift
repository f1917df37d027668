import Foundation

/// The query of a list call, as Traefik reads it: `search` (in names, and rules for routers),
/// `status`, `serviceName`, `middlewareName`, and `page`/`per_page` (100 by default) with the
/// next page in `X-Next-Page` (1 after the last).
public struct APIListQuery: Sendable, Equatable {
    public var search = ""
    public var status = ""
    public var serviceName = ""
    public var middlewareName = ""
    public var page = 1
    public var perPage = 100

    static let defaultPerPage = 100

    /// Reads `query` (the part after `?`); an error names the parameter that is not a positive number.
    public init(query: String) throws(APIQueryError) {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            switch key {
            case "search": self.search = value
            case "status": self.status = value
            case "serviceName": self.serviceName = value
            case "middlewareName": self.middlewareName = value
            case "page", "per_page":
                guard value.isEmpty || (Int(value).map { $0 > 0 } ?? false) else {
                    throw APIQueryError(message: "invalid request: \(key): \(value) is not a positive number")
                }
                if let number = Int(value) {
                    if key == "page" { self.page = number } else { self.perPage = number }
                }
            default: break
            }
        }
    }

    /// Whether an object passes `status` and `search` (matched, case-insensitively, in any of `texts`).
    func keeps(status: String, texts: [String]) -> Bool {
        guard self.status.isEmpty || self.status.lowercased() == status.lowercased() else { return false }
        guard !self.search.isEmpty else { return true }
        let needle = self.search.lowercased()
        return texts.contains { $0.lowercased().contains(needle) }
    }

    /// Whether a router using `service` passes `serviceName` (a name without `@` matches any provider's).
    func keeps(service: String) -> Bool {
        guard !self.serviceName.isEmpty else { return true }
        if service.contains("@") { return service == self.serviceName }
        return self.serviceName.split(separator: "@", maxSplits: 1).first.map(String.init) == service
    }

    /// Whether a router with `middlewares` passes `middlewareName`.
    func keeps(middlewares: [String]) -> Bool {
        self.middlewareName.isEmpty || middlewares.contains(self.middlewareName)
    }

    /// The slice of `count` items this page shows and the next page's number (1 after the last).
    func page(of count: Int) throws(APIQueryError) -> (range: Range<Int>, nextPage: Int) {
        let start = (self.page - 1) * self.perPage
        if start != 0 && start >= count {
            throw APIQueryError(message: "invalid request: page: \(self.page), per_page: \(self.perPage)")
        }
        let end = min(start + self.perPage, count)
        return (start..<end, self.page * self.perPage < count ? self.page + 1 : 1)
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

/// A list query that cannot be answered (400).
public struct APIQueryError: Error, Sendable {
    public let message: String
}
