import Foundation
import NIOHTTP1
import TEEProxy

/// Sees every finished request: the access log and metrics hang off it.
struct RequestObserver: Sendable {
    /// Called once per request with what happened; nil when nothing observes (no work per request).
    let finished: (@Sendable (CompletedRequest) -> Void)?

    static let none = RequestObserver(finished: nil)

    /// Counts every answered request into `tally` (the dashboard's plots).
    static func counting(into tally: TrafficTally) -> RequestObserver {
        RequestObserver { request in
            tally.record(router: request.routerName, service: request.serviceName, status: request.status, duration: request.duration)
        }
    }

    /// One observer that calls each of `observers` in turn.
    static func combining(_ observers: [RequestObserver]) -> RequestObserver {
        let callbacks = observers.compactMap(\.finished)
        switch callbacks.count {
        case 0: return .none
        case 1: return RequestObserver(finished: callbacks[0])
        default: return RequestObserver { request in for callback in callbacks { callback(request) } }
        }
    }
}

/// A request that has been answered.
struct CompletedRequest: Sendable {
    let entryPoint: String
    let request: HTTPRequestHead
    let clientAddress: String?
    /// Who an authentication middleware found the client to be (`ClientUsername`).
    let clientUsername: String?
    let routerName: String?
    let serviceName: String?
    let serverURL: String?
    /// Whether the client's connection is TLS.
    let isTLS: Bool
    /// The proxy's own resource answered (ping, metrics, the API, an ACME challenge).
    let isInternal: Bool
    /// `observability.accessLogs` (the router's, else the entry point's).
    let accessLogged: Bool
    /// `observability.metrics`: the entry point's, for its metrics; the router's (else the entry
    /// point's), for the router and service metrics.
    let entryPointMeasured: Bool
    let routerMeasured: Bool
    /// The TLS version and cipher suite of the client's connection (`*_requests_tls_total`); nil without TLS.
    let tls: TLSSessionLabels?
    /// The response headers as the server sent them (nil when the proxy answered itself), and as
    /// the client got them: the access log's `origin_<Name>` and `downstream_<Name>`.
    let originHeaders: HTTPHeaders?
    let downstreamHeaders: HTTPHeaders?
    let status: UInt
    /// Bytes of request body forwarded upstream.
    let requestBytes: Int
    /// Bytes of response body sent to the client.
    let responseBytes: Int
    /// Tries beyond the first (the `retry` middleware).
    let retries: Int
    let start: ContinuousClock.Instant
    /// When the request started, on the wall clock (for log timestamps).
    let wallClockStart: Date
    let duration: Duration
}
