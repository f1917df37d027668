import Synchronization
import TEEModel

/// `loadBalancer`: smooth weighted round robin over healthy servers, with optional sticky cookies.
public final class LoadBalancerService: ServiceHandler {
    public let servers: [UpstreamServer]
    private let passHostHeader: Bool
    private let sticky: StickyCookie?
    private let rotation: Mutex<SmoothWeightedRoundRobin>

    public init(servers: [UpstreamServer], passHostHeader: Bool, sticky: StickyCookie?) {
        self.servers = servers
        self.passHostHeader = passHostHeader
        self.sticky = sticky
        self.rotation = Mutex(SmoothWeightedRoundRobin(weights: servers.map(\.weight)))
    }

    public var hasHealthyServer: Bool { self.servers.contains { $0.isHealthy && $0.weight > 0 } }

    public func select(for request: ProxyRequest) -> ServerSelection? {
        if let sticky = self.sticky, let value = sticky.value(in: request.headerValues("cookie")),
           let pinned = self.servers.first(where: { $0.stickyValue == value && $0.isHealthy }) {
            return ServerSelection(server: pinned, passHostHeader: self.passHostHeader)
        }
        let servers = self.servers
        guard let index = self.rotation.withLock({ $0.next { servers[$0].isHealthy } }) else { return nil }
        let server = servers[index]
        let cookies = self.sticky.map { [$0.setCookie(server.stickyValue)] } ?? []
        return ServerSelection(server: server, passHostHeader: self.passHostHeader, setCookies: cookies)
    }
}
