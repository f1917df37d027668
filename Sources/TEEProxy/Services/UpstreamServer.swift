public import TEEModel
public import Synchronization

/// One server of a load balancer, with the transport settings used to reach it.
public final class UpstreamServer: Sendable {
    public let url: UpstreamURL
    /// `url` as text, for logs and the access log.
    public let urlText: String
    public let weight: Int
    public let transport: UpstreamTransport
    /// Which pooled connections this server can use (same host, port and transport).
    public let connectionKey: UpstreamConnectionKey
    /// The service the server belongs to (for logs and metrics).
    public let serviceName: String
    /// `healthCheck` of its load balancer: active checks, when set.
    public let healthCheck: HealthCheckConfiguration?
    /// `passiveHealthCheck` of its load balancer, when set.
    public let passiveHealthCheck: PassiveHealthCheckConfiguration?
    /// `responseForwarding.flushInterval` of its load balancer.
    public let flushInterval: Duration
    private let health = ServerHealth()
    /// Requests in progress on this server, counted for the `p2c` strategy.
    public let inFlight = Atomic<Int>(0)

    public init(url: UpstreamURL, weight: Int, transport: UpstreamTransport, serviceName: String = "",
                healthCheck: HealthCheckConfiguration? = nil, passiveHealthCheck: PassiveHealthCheckConfiguration? = nil,
                flushInterval: Duration = ResponseFlushPolicy.defaultInterval) {
        self.url = url
        self.urlText = url.description
        self.weight = weight
        self.transport = transport
        self.connectionKey = UpstreamConnectionKey(scheme: url.scheme, host: url.host, port: url.port, transport: transport)
        self.serviceName = serviceName
        self.healthCheck = healthCheck
        self.passiveHealthCheck = passiveHealthCheck
        self.flushInterval = flushInterval
    }

    /// Whether the server is in the rotation (health checks take it out).
    public var isHealthy: Bool { self.health.isHealthy }

    /// What the last active health check found; setting it moves the server in or out of the rotation.
    public var passesActiveCheck: Bool {
        get { self.health.isActivelyHealthy }
        set { self.health.isActivelyHealthy = newValue }
    }

    /// Counts a request the server failed (it could not be reached, or broke off); with a
    /// `passiveHealthCheck`, returns true when that takes the server out of the rotation.
    @discardableResult
    public func recordFailure() -> Bool {
        guard let passive = self.passiveHealthCheck else { return false }
        return self.health.recordFailure(window: passive.failureWindow, maxFailures: passive.maxFailedAttempts)
    }

    /// The cookie value that pins a client to this server: a short hash of its URL, stable across reloads.
    public var stickyValue: String { StickyCookie.value(for: self.urlText) }
}
