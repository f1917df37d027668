/// `entryPoints.<name>` in the static configuration.
public struct EntryPointConfiguration: Sendable, Equatable {
    /// The entry point's name; a socket passed by systemd with this `FileDescriptorName=` serves it.
    public var name: String
    /// `address`: where to listen when systemd passed no socket of this name.
    public var address: ListenAddress
    /// `transport.lifeCycle.graceTimeOut`: how long in-flight requests may take to finish on shutdown.
    public var graceTimeout: Duration
    /// `forwardedHeaders.trustedIPs`: peers whose `X-Forwarded-*` headers are kept.
    public var trustedIPs: [IPNetwork]
    /// `forwardedHeaders.insecure`: keep every peer's `X-Forwarded-*` headers.
    public var trustAllForwardedHeaders: Bool
    /// `http.redirections.entryPoint`: send every request to another entry point.
    public var redirection: EntryPointRedirection?
    /// `http.tls`: routers here serve TLS by default.
    public var defaultTLS: Bool
    /// `http.middlewares`: applied before each router's own.
    public var defaultMiddlewares: [String]
    /// `transport.respondingTimeouts.readTimeout`: the longest a client may take to send a whole request (0: no limit).
    public var readTimeout: Duration
    /// `transport.respondingTimeouts.writeTimeout`: the longest a response may take to go out once the request
    /// has been read (0: no limit, Traefik's default).
    public var writeTimeout: Duration
    /// `transport.respondingTimeouts.idleTimeout`: keep-alive connections idle longer are closed.
    public var idleTimeout: Duration
    /// `udp.timeout`: a UDP session with no datagrams for this long is forgotten.
    public var udpTimeout: Duration
    /// `http2.maxConcurrentStreams`: the streams one HTTP/2 client may have open at once (Traefik's default 250).
    public var maxConcurrentStreams: Int
    /// `http.maxHeaderBytes`: the most an HTTP/1.1 request's header fields may hold (names and
    /// values; Traefik's default is 1 MiB, tee's 80 KiB, NIO's parser limit).
    public var maxHeaderBytes: Int
    /// `observability.accessLogs` (default true): whether this entry point's requests are access-logged.
    public var accessLogs = true
    /// `observability.metrics` (default true): whether this entry point's requests count in the metrics.
    public var metrics = true
    /// `observability.tracing` (default true): whether this entry point's requests are traced (with `tracing` set).
    public var tracing = true
    /// `observability.traceVerbosity`: `minimal` (Traefik's default: the entry point's server span and
    /// the client span to the server) or `detailed` (also router, middleware and service spans).
    public var detailedTracing = false

    /// tee's default `http.maxHeaderBytes`.
    public static let defaultMaxHeaderBytes = 80 * 1024

    /// Traefik's default `graceTimeOut`.
    public static let defaultGraceTimeout = Duration.seconds(10)

    public init(name: String, address: ListenAddress, graceTimeout: Duration = Self.defaultGraceTimeout) {
        self.name = name
        self.address = address
        self.graceTimeout = graceTimeout
        self.trustedIPs = []
        self.trustAllForwardedHeaders = false
        self.redirection = nil
        self.defaultTLS = false
        self.defaultMiddlewares = []
        self.readTimeout = .seconds(60)
        self.writeTimeout = .zero
        self.idleTimeout = .seconds(180)
        self.udpTimeout = .seconds(3)
        self.maxConcurrentStreams = 250
        self.maxHeaderBytes = Self.defaultMaxHeaderBytes
    }
}
