/// `errors`: responses whose status is in `status` are replaced by a page from `service` (fetched
/// at `query`, where `{status}` is the status code), keeping the original status.
public struct ErrorsConfiguration: Sendable, Equatable {
    /// Status ranges, from `500-599` or `404` items.
    public var status: [ClosedRange<Int>]
    public var service: String
    public var query: String

    static func parse(_ body: ConfigNode, qualify: (String) -> String) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["status", "service", "query", "statusRewrites"])
        if let node = try body.child("statusRewrites") { throw node.error("statusRewrites is not supported; the original status is kept") }
        guard let statusNode = try body.child("status") else { throw body.error("missing status, such as [\"500-599\"]") }
        let ranges = try statusNode.stringList().map { (text) throws(ConfigurationError) -> ClosedRange<Int> in
            let bounds = text.split(separator: "-", maxSplits: 1).map { Int($0.trimmingSpaces()) }
            guard let low = bounds.first ?? nil, let high = bounds.count == 2 ? bounds[1] : low,
                  (100...599).contains(low), (100...599).contains(high), low <= high else {
                throw statusNode.error("'\(text)' is not a status or a range such as 500-599")
            }
            return low...high
        }
        guard let service = try body.child("service") else { throw body.error("missing service: the one that serves the error pages") }
        let query = try body.child("query")?.string() ?? "/"
        guard query.hasPrefix("/") else { throw (try body.child("query") ?? body).error("the query must start with /, such as /{status}.html") }
        return Self(status: ranges, service: qualify(try service.string()), query: query)
    }
}
