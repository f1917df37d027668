import Foundation
import NIOHTTP1
import NIOSSL
import Prometheus
import Synchronization
import TEEModel

/// Prometheus metrics under Traefik's names with a `tee_` prefix (`tee_entrypoint_requests_total`,
/// `tee_router_requests_total`, `tee_service_request_duration_seconds`, `tee_config_reloads_total`,
/// `tee_open_connections`, …), kept in one registry that `GET /metrics` renders.
///
/// Each request looks its counters up once per label set; after the first request with a given
/// entry point, router, service, status, method and protocol, recording is a dictionary hit and a
/// few atomic increments.
final class ProxyMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let configuration: MetricsConfiguration
    private let buckets: [Duration]
    private let handles = Mutex<[RequestMetricKey: RequestMetricHandles]>([:])
    private let reloads: Counter
    private let reloadFailures: Counter
    private let lastReloadSuccess: Gauge
    private let lastReloadFailure: Gauge
    /// `tee_tls_certs_not_after` of the certificates in service.
    private let certificateGauges = Mutex<[CertificateLabels: Gauge]>([:])

    init(configuration: MetricsConfiguration) {
        self.configuration = configuration
        self.buckets = configuration.buckets.map { Duration.nanoseconds(Int64($0 * 1e9)) }
        self.reloads = self.registry.makeCounter(descriptor: Self.name("config", "reloads", "total", "Configuration reloads."))
        self.reloadFailures = self.registry.makeCounter(
            descriptor: Self.name("config", "reloads_failure", "total", "Configuration reloads that were rejected."))
        self.lastReloadSuccess = self.registry.makeGauge(
            descriptor: Self.name("config", "last_reload_success", nil, "Unix time of the last successful configuration reload."))
        self.lastReloadFailure = self.registry.makeGauge(
            descriptor: Self.name("config", "last_reload_failure", nil, "Unix time of the last rejected configuration reload."))
    }

    /// The observer that records every finished request.
    var observer: RequestObserver {
        RequestObserver { [self] request in self.record(request) }
    }

    /// The `tee_open_connections` gauge of one entry point; raise it when a connection opens, lower it when it closes.
    func openConnections(entryPoint: String) -> Gauge {
        self.registry.makeGauge(
            descriptor: Self.name(nil, "open_connections", nil, "Connections open on each entry point."),
            labels: [("entrypoint", entryPoint), ("protocol", "TCP")]
        )
    }

    /// `tee_service_server_up`: 1 while the server passes its health check, 0 while it fails.
    func serverUp(service: String, url: String, up: Bool) {
        self.registry.makeGauge(descriptor: Self.name("service", "server_up", nil, "Whether a server passes its health check."),
                                labels: [("service", service), ("url", url)]).set(to: up ? 1.0 : 0.0)
    }

    /// `tee_tls_certs_not_after`: each certificate in service, by `cn`, `serial` and `sans`, at its
    /// expiry (Unix time); certificates no longer in service leave the exposition.
    func certificatesInService(_ certificates: [NIOSSLCertificate]) {
        var gauges: [CertificateLabels: Gauge] = [:]
        for certificate in certificates {
            guard let labels = CertificateLabels(certificate), gauges[labels] == nil else { continue }
            let gauge = self.registry.makeGauge(
                descriptor: Self.name("tls", "certs_not_after", nil, "Expiry of each certificate in service (Unix time)."),
                labels: [("cn", labels.commonName), ("serial", labels.serial), ("sans", labels.names)])
            gauge.set(Double(certificate.notValidAfter))
            gauges[labels] = gauge
        }
        let gone = self.certificateGauges.withLock { current in
            defer { current = gauges }
            return current.filter { gauges[$0.key] == nil }.map(\.value)
        }
        for gauge in gone { self.registry.unregisterGauge(gauge) }
    }

    /// Counts a configuration reload and stamps its time.
    func configurationReloaded(succeeded: Bool) {
        let now = Date().timeIntervalSince1970
        self.reloads.increment()
        if succeeded {
            self.lastReloadSuccess.set(now)
        } else {
            self.reloadFailures.increment()
            self.lastReloadFailure.set(now)
        }
    }

    /// Every metric in Prometheus's text exposition format.
    func exposition() -> String {
        self.registry.emitToString()
    }

    private func record(_ request: CompletedRequest) {
        let key = RequestMetricKey(
            entryPoint: request.entryPoint, router: request.routerName, service: request.serviceName,
            code: request.status, method: request.request.method.rawValue, protocol: Self.protocolLabel(of: request.request),
            tls: request.tls
        )
        let handles = self.handles.withLock { cache in
            if let found = cache[key] { return found }
            let made = self.makeHandles(for: key)
            cache[key] = made
            return made
        }
        handles.record(duration: request.duration, requestBytes: request.requestBytes, responseBytes: request.responseBytes)
        if request.retries > 0, let service = request.serviceName, self.configuration.addServicesLabels {
            self.registry.makeCounter(descriptor: Self.name("service", "retries", "total", "Requests tried again, by service."),
                                      labels: [("service", service)]).increment(by: Int64(request.retries))
        }
    }

    private func makeHandles(for key: RequestMetricKey) -> RequestMetricHandles {
        let common = [("code", String(key.code)), ("method", key.method), ("protocol", key.protocol)]
        var handles = RequestMetricHandles()
        if self.configuration.addEntryPointsLabels {
            handles.groups.append(self.group("entrypoint", common: common, own: [("entrypoint", key.entryPoint)], tls: key.tls))
        }
        if self.configuration.addRoutersLabels, let router = key.router, let service = key.service {
            handles.groups.append(self.group("router", common: common, own: [("router", router), ("service", service)], tls: key.tls))
        }
        if self.configuration.addServicesLabels, let service = key.service {
            handles.groups.append(self.group("service", common: common, own: [("service", service)], tls: key.tls))
        }
        return handles
    }

    /// `tee_<subsystem>_requests_total`, `_request_duration_seconds`, the byte counters and (over TLS)
    /// `_requests_tls_total` for one label set: `common` (code, method, protocol) and the subsystem's `own`.
    private func group(_ subsystem: String, common: [(String, String)], own: [(String, String)], tls: TLSSessionLabels?) -> RequestMetricHandles.Group {
        let labels = common + own
        return RequestMetricHandles.Group(
            requests: self.registry.makeCounter(
                descriptor: Self.name(subsystem, "requests", "total", "Requests, by status code, method and protocol."), labels: labels),
            duration: self.registry.makeDurationHistogram(
                descriptor: Self.name(subsystem, "request_duration", "seconds", "Request durations."), labels: labels, buckets: self.buckets),
            requestBytes: self.registry.makeCounter(
                descriptor: Self.name(subsystem, "requests_bytes", "total", "Bytes of request bodies received."), labels: labels),
            responseBytes: self.registry.makeCounter(
                descriptor: Self.name(subsystem, "responses_bytes", "total", "Bytes of response bodies sent."), labels: labels),
            tlsRequests: tls.map { tls in
                self.registry.makeCounter(
                    descriptor: Self.name(subsystem, "requests_tls", "total", "HTTPS requests, by TLS version and cipher suite."),
                    labels: [("tls_version", tls.version), ("tls_cipher", tls.cipher)] + own)
            }
        )
    }

    private static func name(_ subsystem: String?, _ metric: String, _ unit: String?, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tee", subsystem: subsystem, metricName: metric, unitName: unit ?? "", helpText: help)
    }

    /// Traefik's `protocol` label: `websocket` for WebSocket upgrades, `http` otherwise.
    private static func protocolLabel(of head: HTTPRequestHead) -> String {
        head.headers[canonicalForm: "upgrade"].contains { $0.lowercased() == "websocket" } ? "websocket" : "http"
    }
}
