/// `failover`: the main service while it has a healthy server, the fallback otherwise.
public struct FailoverService: ServiceHandler {
    public let main: any ServiceHandler
    public let fallback: any ServiceHandler

    public init(main: any ServiceHandler, fallback: any ServiceHandler) {
        self.main = main
        self.fallback = fallback
    }

    public var hasHealthyServer: Bool { self.main.hasHealthyServer || self.fallback.hasHealthyServer }

    public func select(for request: ProxyRequest) -> ServerSelection? {
        if self.main.hasHealthyServer, let selection = self.main.select(for: request) { return selection }
        return self.fallback.select(for: request)
    }
}
