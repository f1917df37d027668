public import TEEModel
import Synchronization

/// One server of a load balancer, with the transport settings used to reach it.
public final class UpstreamServer: Sendable {
    public let url: UpstreamURL
    public let weight: Int
    public let transport: UpstreamTransport
    private let healthy = Atomic<Bool>(true)

    public init(url: UpstreamURL, weight: Int, transport: UpstreamTransport) {
        self.url = url
        self.weight = weight
        self.transport = transport
    }

    /// Whether the server is in the rotation (health checks take it out).
    public var isHealthy: Bool {
        get { self.healthy.load(ordering: .relaxed) }
        set { self.healthy.store(newValue, ordering: .relaxed) }
    }

    /// The cookie value that pins a client to this server: a short hash of its URL, stable across reloads.
    public var stickyValue: String { StickyCookie.value(for: self.url.description) }
}
