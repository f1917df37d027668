import Synchronization

/// `mirroring`: the main service answers, and `percent` of requests are copied to each mirror.
/// Which requests are copied is decided as Traefik does, by count rather than by chance: a mirror
/// at 25 % gets exactly one request in four.
public final class MirroringService: ServiceHandler {
    public let main: any ServiceHandler
    public let mirrors: [(handler: any ServiceHandler, percent: Int)]
    private let withBody: Bool
    private let maxBodySize: Int?
    /// Requests seen, and copies sent to each mirror.
    private let counts: Mutex<(total: Int, sent: [Int])>

    public init(main: any ServiceHandler, mirrors: [(handler: any ServiceHandler, percent: Int)], withBody: Bool = true,
                maxBodySize: Int? = nil) {
        self.main = main
        self.mirrors = mirrors
        self.withBody = withBody
        self.maxBodySize = maxBodySize.flatMap { $0 < 0 ? nil : $0 }
        self.counts = Mutex((0, Array(repeating: 0, count: mirrors.count)))
    }

    public var hasHealthyServer: Bool { self.main.hasHealthyServer }

    public func select(for request: ProxyRequest) -> ServerSelection? {
        guard var selection = self.main.select(for: request) else { return nil }
        let chosen = self.counts.withLock { counts -> [Int] in
            counts.total += 1
            var chosen: [Int] = []
            for (index, mirror) in self.mirrors.enumerated() where counts.sent[index] * 100 < counts.total * mirror.percent {
                counts.sent[index] += 1
                chosen.append(index)
            }
            return chosen
        }
        let targets = chosen.compactMap { self.mirrors[$0].handler.select(for: request) }
        guard !targets.isEmpty else { return selection }
        var plan = selection.mirror ?? MirrorPlan(targets: [], withBody: self.withBody, maxBodySize: self.maxBodySize)
        plan.targets += targets.map { target in
            var copy = target
            copy.setCookies = []
            copy.mirror = nil
            return copy
        }
        selection.mirror = plan
        return selection
    }
}
