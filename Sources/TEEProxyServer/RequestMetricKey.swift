import Foundation

/// The labels that pick one request's counters.
struct RequestMetricKey: Hashable {
    let entryPoint: String
    let router: String?
    let service: String?
    let code: UInt
    let method: String
    let `protocol`: String
    let tls: TLSSessionLabels?
}
