import TEEModel
import TEEProxy

/// What every connection on one entry point shares: one object, so that each connection (and each
/// HTTP/2 stream) holds one reference to it rather than a copy of every field.
final class EntryPointContext: Sendable {
    let name: String
    let runtime: RuntimeReference
    let pools: UpstreamPools
    /// Sends middlewares' subrequests (forwardAuth).
    let subrequests: any SubrequestClient
    let forwardedHeaders: ForwardedHeaders
    /// `http.redirections.entryPoint`, as a middleware that runs before routing.
    let redirection: RedirectSchemeMiddleware?
    /// Answers `GET /ping` when this is the ping entry point.
    let servesPing: Bool
    /// `api`: answers routers whose service is `api@internal`; nil when the API is off.
    let api: ProxyAPI?
    /// Answers `/api/...` and `/dashboard/` without a router (the `traefik` entry point with `api.insecure`).
    let servesAPIDirectly: Bool
    /// Answers `GET /metrics` when this is the metrics entry point.
    let servedMetrics: ProxyMetrics?
    let observer: RequestObserver
    /// Metrics or the access log are on: TLS connections get a ``ServerHelloObserver`` for the
    /// `*_requests_tls_total` labels and the `TLSVersion` and `TLSCipher` fields.
    let observesTLS: Bool
    /// `tracing`: what each request's trace records; nil without `tracing`.
    let tracing: TraceSettings?
    /// `observability.{accessLogs,metrics,tracing}`: what requests produce unless their router says otherwise.
    let accessLogsByDefault: Bool
    let metricsByDefault: Bool
    let tracesByDefault: Bool
    /// `tracing.addInternals`: the proxy's own answers (ping, metrics, the API) are traced too.
    let tracesInternals: Bool
    /// Each event loop's queue of ended spans (shared by the entry points).
    let spanEnds: SpanEndQueues
    /// `transport.respondingTimeouts.idleTimeout`: an idle keep-alive connection is closed after it.
    let idleTimeout: Duration
    /// `transport.respondingTimeouts.readTimeout`: the whole request must arrive within it (zero: no limit).
    let readTimeout: Duration
    /// `transport.respondingTimeouts.writeTimeout`: the response must have gone out within it of the request head (zero: no limit).
    let writeTimeout: Duration
    /// `http2.maxConcurrentStreams`, advertised to HTTP/2 clients.
    let maxConcurrentStreams: Int
    /// `http.maxHeaderBytes`, for HTTP/1.1 request heads.
    let maxHeaderBytes: Int

    init(name: String,
         runtime: RuntimeReference,
         pools: UpstreamPools,
         subrequests: any SubrequestClient,
         forwardedHeaders: ForwardedHeaders,
         redirection: RedirectSchemeMiddleware?,
         servesPing: Bool,
         api: ProxyAPI?,
         servesAPIDirectly: Bool,
         servedMetrics: ProxyMetrics?,
         observer: RequestObserver,
         observesTLS: Bool,
         tracing: TraceSettings?,
         accessLogsByDefault: Bool,
         metricsByDefault: Bool,
         tracesByDefault: Bool,
         tracesInternals: Bool,
         spanEnds: SpanEndQueues,
         idleTimeout: Duration,
         readTimeout: Duration,
         writeTimeout: Duration,
         maxConcurrentStreams: Int,
         maxHeaderBytes: Int) {
        self.name = name
        self.runtime = runtime
        self.pools = pools
        self.subrequests = subrequests
        self.forwardedHeaders = forwardedHeaders
        self.redirection = redirection
        self.servesPing = servesPing
        self.api = api
        self.servesAPIDirectly = servesAPIDirectly
        self.servedMetrics = servedMetrics
        self.observer = observer
        self.observesTLS = observesTLS
        self.tracing = tracing
        self.accessLogsByDefault = accessLogsByDefault
        self.metricsByDefault = metricsByDefault
        self.tracesByDefault = tracesByDefault
        self.tracesInternals = tracesInternals
        self.spanEnds = spanEnds
        self.idleTimeout = idleTimeout
        self.readTimeout = readTimeout
        self.writeTimeout = writeTimeout
        self.maxConcurrentStreams = maxConcurrentStreams
        self.maxHeaderBytes = maxHeaderBytes
    }
}
