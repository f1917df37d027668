public import TEEModel
import Synchronization

/// One server of a load balancer, with the transport settings used to reach it.
public final class UpstreamServer: Sendable {
    public let url: UpstreamURL
    /// `url` as text, for logs and the access log.
    public let urlText: String
    public let weight: Int
    public let transport: UpstreamTransport
    /// Which pooled connections this server can use (same host, port and transport).
    public let connectionKey: UpstreamConnectionKey
    private let healthy = Atomic<Bool>(true)

    public init(url: UpstreamURL, weight: Int, transport: UpstreamTransport) {
        self.url = url
        self.urlText = url.description
        self.weight = weight
        self.transport = transport
        self.connectionKey = UpstreamConnectionKey(host: url.host, port: url.port, transport: transport)
    }

    /// Whether the server is in the rotation (health checks take it out).
    public var isHealthy: Bool {
        get { self.healthy.load(ordering: .relaxed) }
        set { self.healthy.store(newValue, ordering: .relaxed) }
    }

    /// The cookie value that pins a client to this server: a short hash of its URL, stable across reloads.
    public var stickyValue: String { StickyCookie.value(for: self.urlText) }
}
