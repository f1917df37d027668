public import TEEModel
import SwiftProtobuf

/// A traffic sample as the snapshot stream carries it.
extension TrafficSample {
    init(_ message: Tee_Distribution_V1_TrafficReport) {
        func counts(_ rates: [Tee_Distribution_V1_TrafficRate]) -> [String: TrafficCount] {
            Dictionary(rates.map { ($0.name, TrafficCount(requests: Int($0.requests), serverErrors: Int($0.serverErrors), seconds: $0.seconds)) },
                       uniquingKeysWith: +)
        }
        self.init(intervalSeconds: Double(message.intervalMs) / 1000, routers: counts(message.routers), services: counts(message.services))
    }

    var message: Tee_Distribution_V1_TrafficReport {
        func rates(_ counts: [String: TrafficCount]) -> [Tee_Distribution_V1_TrafficRate] {
            counts.sorted { $0.key < $1.key }.map { name, count in
                .with {
                    $0.name = name
                    $0.requests = UInt64(count.requests)
                    $0.serverErrors = UInt64(count.serverErrors)
                    $0.seconds = count.seconds
                }
            }
        }
        return .with {
            $0.intervalMs = Int64(self.intervalSeconds * 1000)
            $0.routers = rates(self.routers)
            $0.services = rates(self.services)
        }
    }
}
