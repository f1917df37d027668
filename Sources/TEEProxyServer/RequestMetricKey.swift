import Foundation

/// The labels that pick one request's counters.
struct RequestMetricKey: Hashable {
    /// The entry point's metrics are recorded (its `observability.metrics`).
    let countsEntryPoint: Bool
    let entryPoint: String
    let router: String?
    let service: String?
    let code: UInt
    let method: String
    let `protocol`: String
    let tls: TLSSessionLabels?
}
