import Synchronization

/// `weighted`: splits traffic across services by weight (smooth round robin), optionally sticky.
public final class WeightedService: ServiceHandler {
    private let children: [(name: String, handler: any ServiceHandler)]
    private let sticky: StickyCookie?
    private let rotation: Mutex<SmoothWeightedRoundRobin>

    public init(children: [(name: String, handler: any ServiceHandler, weight: Int)], sticky: StickyCookie?) {
        self.children = children.map { ($0.name, $0.handler) }
        self.sticky = sticky
        self.rotation = Mutex(SmoothWeightedRoundRobin(weights: children.map(\.weight)))
    }

    public var hasHealthyServer: Bool { self.children.contains { $0.handler.hasHealthyServer } }

    public func select(for request: ProxyRequest) -> ServerSelection? {
        if let sticky = self.sticky, let value = sticky.value(in: request.headerValues("cookie")),
           let pinned = self.children.first(where: { StickyCookie.value(for: $0.name) == value && $0.handler.hasHealthyServer }) {
            return pinned.handler.select(for: request)
        }
        let children = self.children
        guard let index = self.rotation.withLock({ $0.next { children[$0].handler.hasHealthyServer } }),
              var selection = children[index].handler.select(for: request) else { return nil }
        if let sticky = self.sticky { selection.setCookies.append(sticky.setCookie(StickyCookie.value(for: children[index].name))) }
        return selection
    }
}
