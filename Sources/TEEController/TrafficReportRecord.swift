import Foundation
import TEEModel

/// A proxy's last traffic sample as the store keeps it (`/tee/traffic/<node>`), with when its
/// controller received it; the dashboard sums the recent ones.
struct TrafficReportRecord: Codable, Sendable {
    /// Unix seconds.
    var reportedAt: Double
    var sample: TrafficSample

    /// Reports older than this are a proxy that stopped reporting (its controller kept the key).
    static let freshness = 10.0
}
