public import NIOHTTP1

/// `headers`: sets custom request and response headers; an empty value removes the header.
public struct HeadersMiddleware: RequestMiddleware {
    public let requestHeaders: [(String, String)]
    public let responseHeaders: [(String, String)]

    public init(requestHeaders: [(String, String)], responseHeaders: [(String, String)]) {
        self.requestHeaders = requestHeaders
        self.responseHeaders = responseHeaders
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        Self.apply(self.requestHeaders, to: &request.head.headers)
        return .proceed
    }

    public func handleResponse(_ head: inout HTTPResponseHead, for request: ProxyRequest) {
        Self.apply(self.responseHeaders, to: &head.headers)
    }

    private static func apply(_ changes: [(String, String)], to headers: inout HTTPHeaders) {
        for (name, value) in changes {
            if value.isEmpty {
                headers.remove(name: name)
            } else {
                headers.replaceOrAdd(name: name, value: value)
            }
        }
    }
}
