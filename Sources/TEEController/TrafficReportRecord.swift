import Foundation
import TEEModel

/// A proxy's last traffic sample as the store keeps it (`/tee/traffic/<node>`), with when its
/// controller received it; the dashboard sums the recent ones.
struct TrafficReportRecord: Codable, Sendable {
    /// Unix seconds.
    var reportedAt: Double
    var sample: TrafficSample

    /// Reports older than this are left out: an idle proxy (its last report was empty and it
    /// stopped writing), or one that stopped reporting while its controller kept the key.
    static let freshness = 15.0
}
