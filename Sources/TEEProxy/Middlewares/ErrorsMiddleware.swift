import NIOHTTP1
public import TEEModel

/// `errors`: asks for responses with a status in its ranges to be replaced by a page from its
/// service; the proxy fetches the page when such a response arrives and sends it with the
/// original status.
public struct ErrorsMiddleware: RequestMiddleware {
    public let pages: ErrorPages

    public init(_ configuration: ErrorsConfiguration, service: any ServiceHandler) {
        self.pages = ErrorPages(status: configuration.status, service: service, query: configuration.query)
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        request.errorPages.append(self.pages)
        return .proceed
    }
}
