import NIOHTTP1

/// A request a ``TestBackend`` received.
public struct TestBackendRequest: Sendable {
    public let method: String
    public let uri: String
    public let headers: [(name: String, value: String)]
    public let body: String

    init(head: HTTPRequestHead, body: String) {
        self.method = head.method.rawValue
        self.uri = head.uri
        self.headers = head.headers.map { ($0.name, $0.value) }
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        self.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
