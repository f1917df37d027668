import Prometheus
import Synchronization
public import TEEModel

/// The agent's Prometheus metrics: requests and connections by source and destination service,
/// on the client side (`outbound`) and the destination side (`inbound`), and request durations.
public final class MeshMetrics: Sendable {
    private struct Key: Hashable {
        var direction: String
        var source: MeshServiceIdentity?
        var destination: MeshServiceIdentity
        var code: String
    }

    private let registry = PrometheusCollectorRegistry()
    private let handles = Mutex<[Key: (requests: Counter, duration: DurationHistogram)]>([:])
    private static let buckets: [Duration] = [.microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
                                              .milliseconds(10), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5)]

    public init() {}

    /// Records one finished HTTP request (code `0` when it got no status) or TCP connection (code `tcp`).
    func record(direction: String, source: MeshServiceIdentity?, destination: MeshServiceIdentity, code: String, duration: Duration) {
        let key = Key(direction: direction, source: source, destination: destination, code: code)
        let handles = self.handles.withLock { cache in
            if let found = cache[key] { return found }
            let labels = [("direction", key.direction), ("source", key.source?.description ?? "unknown"), ("destination", key.destination.description),
                          ("code", key.code)]
            let made = (requests: self.registry.makeCounter(name: "tee_mesh_requests_total", labels: labels),
                        duration: self.registry.makeDurationHistogram(name: "tee_mesh_request_duration_seconds", labels: labels, buckets: Self.buckets))
            cache[key] = made
            return made
        }
        handles.requests.increment()
        handles.duration.record(duration)
    }

    /// Counts an instance's ejection by the circuit breaker.
    func ejected(_ instance: MeshServiceInstance) {
        self.registry.makeCounter(name: "tee_mesh_ejections_total", labels: [("destination", instance.service.description), ("node", instance.node)])
            .increment()
    }

    /// Every metric in Prometheus's text format.
    public func exposition() -> String {
        self.registry.emitToString()
    }
}
