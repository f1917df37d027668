/// `buffering`: limits on request and response body sizes (0: no limit).
public struct BufferingConfiguration: Sendable, Equatable {
    public var maxRequestBodyBytes: Int
    public var maxResponseBodyBytes: Int

    public init(maxRequestBodyBytes: Int = 0, maxResponseBodyBytes: Int = 0) {
        self.maxRequestBodyBytes = maxRequestBodyBytes
        self.maxResponseBodyBytes = maxResponseBodyBytes
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["maxRequestBodyBytes", "memRequestBodyBytes", "maxResponseBodyBytes", "memResponseBodyBytes", "retryExpression"])
        if let node = try body.child("retryExpression") { throw node.error("retryExpression is not supported; use the retry middleware") }
        _ = try body.child("memRequestBodyBytes")?.int(atLeast: 0)
        _ = try body.child("memResponseBodyBytes")?.int(atLeast: 0)
        return Self(maxRequestBodyBytes: try body.child("maxRequestBodyBytes")?.int(atLeast: 0) ?? 0,
                    maxResponseBodyBytes: try body.child("maxResponseBodyBytes")?.int(atLeast: 0) ?? 0)
    }
}
