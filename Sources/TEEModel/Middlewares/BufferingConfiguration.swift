/// `buffering`: bodies are held in memory before being passed on, within limits (0: no limit).
public struct BufferingConfiguration: Sendable, Equatable {
    /// Larger request bodies get 413.
    public var maxRequestBodyBytes: Int
    /// The request body is held until this many bytes; past it, the rest streams.
    public var memRequestBodyBytes: Int
    /// Larger responses become 500 (or, once streaming, are cut off).
    public var maxResponseBodyBytes: Int
    /// The response is held until this many bytes; past it, the rest streams.
    public var memResponseBodyBytes: Int

    /// Traefik's default for both `mem*BodyBytes`.
    public static let defaultMemoryBytes = 1_048_576

    public init(maxRequestBodyBytes: Int = 0, memRequestBodyBytes: Int = Self.defaultMemoryBytes,
                maxResponseBodyBytes: Int = 0, memResponseBodyBytes: Int = Self.defaultMemoryBytes) {
        self.maxRequestBodyBytes = maxRequestBodyBytes
        self.memRequestBodyBytes = memRequestBodyBytes
        self.maxResponseBodyBytes = maxResponseBodyBytes
        self.memResponseBodyBytes = memResponseBodyBytes
    }

    /// Two `buffering` middlewares on one router: the stricter of each limit.
    public func merged(with other: Self) -> Self {
        func stricter(_ a: Int, _ b: Int) -> Int { a == 0 ? b : b == 0 ? a : min(a, b) }
        return Self(maxRequestBodyBytes: stricter(self.maxRequestBodyBytes, other.maxRequestBodyBytes),
                    memRequestBodyBytes: min(self.memRequestBodyBytes, other.memRequestBodyBytes),
                    maxResponseBodyBytes: stricter(self.maxResponseBodyBytes, other.maxResponseBodyBytes),
                    memResponseBodyBytes: min(self.memResponseBodyBytes, other.memResponseBodyBytes))
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["maxRequestBodyBytes", "memRequestBodyBytes", "maxResponseBodyBytes", "memResponseBodyBytes", "retryExpression"])
        if let node = try body.child("retryExpression") { throw node.error("retryExpression is not supported; use the retry middleware") }
        return Self(maxRequestBodyBytes: try body.child("maxRequestBodyBytes")?.int(atLeast: 0) ?? 0,
                    memRequestBodyBytes: try body.child("memRequestBodyBytes")?.int(atLeast: 0) ?? Self.defaultMemoryBytes,
                    maxResponseBodyBytes: try body.child("maxResponseBodyBytes")?.int(atLeast: 0) ?? 0,
                    memResponseBodyBytes: try body.child("memResponseBodyBytes")?.int(atLeast: 0) ?? Self.defaultMemoryBytes)
    }
}
