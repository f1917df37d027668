import NIOHTTP1
public import TEEModel

/// `replacePath`: sends every request to one path; the original goes in `X-Replaced-Path`.
public struct ReplacePathMiddleware: RequestMiddleware {
    public let configuration: ReplacePathConfiguration

    public init(_ configuration: ReplacePathConfiguration) {
        self.configuration = configuration
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        request.head.headers.replaceOrAdd(name: "X-Replaced-Path", value: request.path)
        request.setPath(self.configuration.path)
        return .proceed
    }
}
