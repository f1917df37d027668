/// One named match of an `HTTPRouteGroup` (SMI's shape): every criterion given must hold.
public struct HTTPRouteMatch: Sendable {
    public var name: String
    /// The whole path must match (nil: any path).
    public var pathRegex: CompiledRegex?
    /// Upper-case methods; empty or `*` means any.
    public var methods: [String]
    /// Header name (lower-case) to a regular expression the whole value must match.
    public var headers: [(name: String, value: CompiledRegex)]

    public init(name: String, pathRegex: CompiledRegex? = nil, methods: [String] = [], headers: [(name: String, value: CompiledRegex)] = []) {
        self.name = name
        self.pathRegex = pathRegex
        self.methods = methods
        self.headers = headers
    }

    /// Whether a request matches.
    public func matches(_ request: MeshHTTPRequest) -> Bool {
        if let pathRegex = self.pathRegex, !pathRegex.matchesWhole(request.path) { return false }
        if !self.methods.isEmpty, !self.methods.contains("*"), !self.methods.contains(request.method.uppercased()) { return false }
        for header in self.headers {
            guard let value = request.headers[header.name], header.value.matchesWhole(value) else { return false }
        }
        return true
    }
}
