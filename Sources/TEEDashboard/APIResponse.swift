import Foundation

/// An answer of the API or the dashboard, independent of the server that sends it.
public struct APIResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, contentType: String, body: [UInt8], headers: [(name: String, value: String)] = []) {
        self.status = status
        self.headers = [("Content-Type", contentType)] + headers
        self.body = body
    }

    /// A JSON answer; keys sorted, slashes unescaped (as Go's encoder writes them).
    static func json(_ value: Any, status: Int = 200, headers: [(name: String, value: String)] = []) -> APIResponse {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return APIResponse(status: status, contentType: "application/json", body: Array(data) + [0x0A], headers: headers)
    }

    /// Traefik's error shape, `{"message": "..."}`.
    static func error(_ message: String, status: Int) -> APIResponse {
        .json(["message": message], status: status)
    }
}
