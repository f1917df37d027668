import Foundation

/// What an `errors` middleware asks of the response: which statuses get a page, and where from.
public struct ErrorPages: Sendable {
    public let status: [ClosedRange<Int>]
    /// The service that serves the pages.
    public let service: any ServiceHandler
    /// The path of the page, with `{status}` (and `{url}`) to fill in.
    public let query: String

    public init(status: [ClosedRange<Int>], service: any ServiceHandler, query: String) {
        self.status = status
        self.service = service
        self.query = query
    }

    /// Whether a response with `status` gets a page.
    public func covers(_ status: UInt) -> Bool {
        self.status.contains { $0.contains(Int(status)) }
    }

    /// The page's path for a response with `status` to `uri`.
    public func path(status: UInt, uri: String) -> String {
        let escaped = uri.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? uri
        return self.query.replacingOccurrences(of: "{status}", with: String(status)).replacingOccurrences(of: "{url}", with: escaped)
    }
}
