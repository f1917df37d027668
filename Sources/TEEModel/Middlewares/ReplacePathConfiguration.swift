/// `replacePath`: replaces the whole path, keeping the original in `X-Replaced-Path`.
public struct ReplacePathConfiguration: Sendable, Equatable {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["path"])
        guard let node = try body.child("path") else { throw body.error("missing path") }
        let path = try node.string()
        guard path.hasPrefix("/") else { throw node.error("the path must start with /") }
        return Self(path: path)
    }
}
