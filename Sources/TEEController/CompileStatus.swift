import Foundation

/// The outcome of the last compilation (`/tee/config/status`).
public struct CompileStatus: Sendable, Codable, Hashable {
    /// The snapshot in service.
    public var version: UInt64
    /// The version the last compilation tried to make.
    public var attempted: UInt64
    /// Objects that are disabled in the snapshot, each with its reason.
    public var problems: [String] = []
    /// Why the sources could not be compiled at all (the snapshot in service stays).
    public var error: String?

    public init(version: UInt64, attempted: UInt64) {
        self.version = version
        self.attempted = attempted
    }

    var encoded: [UInt8] { Array((try? JSONEncoder.sorted.encode(self)) ?? Data()) }
}
