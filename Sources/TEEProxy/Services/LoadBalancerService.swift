import Synchronization
import TEEModel

/// `loadBalancer`: smooth weighted round robin over healthy servers, with optional sticky cookies.
public final class LoadBalancerService: ServiceHandler {
    public let servers: [UpstreamServer]
    private let passHostHeader: Bool
    private let sticky: StickyCookie?
    private let rotation: Mutex<SmoothWeightedRoundRobin>
    /// `strategy: p2c`.
    private let powerOfTwoChoices: Bool

    public init(servers: [UpstreamServer], passHostHeader: Bool, sticky: StickyCookie?, strategy: String = "wrr") {
        self.servers = servers
        self.passHostHeader = passHostHeader
        self.sticky = sticky
        self.rotation = Mutex(SmoothWeightedRoundRobin(weights: servers.map(\.weight)))
        self.powerOfTwoChoices = strategy == "p2c"
    }

    public var hasHealthyServer: Bool { self.servers.contains { $0.isHealthy && $0.weight > 0 } }

    public func select(for request: ProxyRequest) -> ServerSelection? {
        if let sticky = self.sticky, let value = sticky.value(in: request.headerValues("cookie")),
           let pinned = self.servers.first(where: { $0.stickyValue == value && $0.isHealthy }) {
            return ServerSelection(server: pinned, passHostHeader: self.passHostHeader)
        }
        let servers = self.servers
        let chosen: UpstreamServer
        if self.powerOfTwoChoices {
            guard let server = self.leastBusyOfTwo() else { return nil }
            chosen = server
        } else {
            guard let index = self.rotation.withLock({ $0.next { servers[$0].isHealthy } }) else { return nil }
            chosen = servers[index]
        }
        let cookies = self.sticky.map { [$0.setCookie(chosen.stickyValue)] } ?? []
        var selection = ServerSelection(server: chosen, passHostHeader: self.passHostHeader, setCookies: cookies)
        selection.countsInFlight = self.powerOfTwoChoices
        return selection
    }

    /// Power of two choices: two healthy servers at random, the one with fewer requests in progress.
    private func leastBusyOfTwo() -> UpstreamServer? {
        let healthy = self.servers.filter { $0.isHealthy && $0.weight > 0 }
        guard let first = healthy.randomElement() else { return nil }
        guard healthy.count > 1 else { return first }
        var second = first
        while second === first { second = healthy.randomElement()! }
        return second.inFlight.load(ordering: .relaxed) < first.inFlight.load(ordering: .relaxed) ? second : first
    }
}
