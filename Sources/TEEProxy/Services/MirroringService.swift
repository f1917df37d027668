/// `mirroring`: the main service answers. Copies to the mirrors are not sent yet; the mirrors are
/// built and validated so a configuration that names them loads and reports problems.
public struct MirroringService: ServiceHandler {
    public let main: any ServiceHandler
    public let mirrors: [(handler: any ServiceHandler, percent: Int)]

    public init(main: any ServiceHandler, mirrors: [(handler: any ServiceHandler, percent: Int)]) {
        self.main = main
        self.mirrors = mirrors
    }

    public var hasHealthyServer: Bool { self.main.hasHealthyServer }

    public func select(for request: ProxyRequest) -> ServerSelection? {
        self.main.select(for: request)
    }
}
