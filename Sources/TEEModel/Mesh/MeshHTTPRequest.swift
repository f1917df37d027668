/// What HTTP policy looks at in a request between services.
public struct MeshHTTPRequest: Sendable {
    public var method: String
    public var path: String
    /// Header values by lower-case name (the first value of each).
    public var headers: [String: String]

    public init(method: String, path: String, headers: [String: String] = [:]) {
        self.method = method
        self.path = path
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
    }
}
