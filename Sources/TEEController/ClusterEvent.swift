import Foundation

/// Something that happened in the cluster (`/tee/events/<time>-<node>`), as `GET /api/v1/events`
/// and `teeadm status` show it.
public struct ClusterEvent: Sendable, Codable, Hashable {
    /// Unix milliseconds.
    public var time: Int64
    /// The controller that recorded it.
    public var controller: String
    /// `leader`, `snapshot`, `node`, `config`.
    public var kind: String
    public var message: String

    public init(controller: String, kind: String, message: String) {
        self.time = Int64(Date().timeIntervalSince1970 * 1000)
        self.controller = controller
        self.kind = kind
        self.message = message
    }

    /// Keys sort by time: 16 digits of milliseconds, then the controller.
    var key: String { ClusterKeys.eventsPrefix + String(format: "%016lld", self.time) + "-" + self.controller }
}
