import NIOHTTP1
public import TEEModel

/// `ipAllowList`: clients outside `sourceRange` get `rejectStatusCode` (403 by default).
public struct IPAllowListMiddleware: RequestMiddleware {
    public let configuration: IPAllowListConfiguration

    public init(_ configuration: IPAllowListConfiguration) {
        self.configuration = configuration
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let client = IPStrategy(self.configuration.ipStrategy).clientAddress(of: request)
        if let address = IPAddress(client), self.configuration.sourceRange.contains(where: { $0.contains(address) }) {
            return .proceed
        }
        let status = HTTPResponseStatus(statusCode: self.configuration.rejectStatusCode)
        return .respond(SyntheticResponse(status: status, body: status.reasonPhrase))
    }
}
