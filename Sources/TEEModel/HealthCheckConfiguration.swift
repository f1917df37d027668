/// `loadBalancer.healthCheck`: active health checks of each server.
public struct HealthCheckConfiguration: Sendable, Equatable {
    public var path: String
    public var scheme: String?
    public var port: Int?
    public var interval: Duration
    /// `unhealthyInterval`: how often an unhealthy server is checked (default: `interval`).
    public var unhealthyInterval: Duration?
    public var timeout: Duration
    /// Expected status; nil accepts 2xx and 3xx.
    public var status: Int?
    public var hostname: String?
    public var headers: [String: String]
    public var followRedirects: Bool

    public init(path: String, scheme: String? = nil, port: Int? = nil, interval: Duration = .seconds(30),
                timeout: Duration = .seconds(5), status: Int? = nil, hostname: String? = nil,
                headers: [String: String] = [:], followRedirects: Bool = true) {
        self.path = path
        self.scheme = scheme
        self.port = port
        self.interval = interval
        self.timeout = timeout
        self.status = status
        self.hostname = hostname
        self.headers = headers
        self.followRedirects = followRedirects
    }
}
