import Foundation

/// A node of the cluster as the store records it (`/tee/nodes/<name>`).
public struct NodeRecord: Sendable, Codable, Hashable {
    public var name: String
    /// `controller`, `proxy` or `mesh`.
    public var role: String
    /// Where it can be reached (controllers: their API address).
    public var address: String
    public var softwareVersion: String
    /// For proxies and agents: the snapshot version they serve, the controller they are
    /// connected to, and why they rejected the last snapshot, if they did.
    public var appliedVersion: UInt64?
    public var controller: String?
    public var lastError: String?
    /// For controllers: where nodes connect for their snapshot stream (`host:port`).
    public var streamAddress: String?
    public var connected: Bool
    /// When the record was last written (Unix seconds).
    public var updatedAt: Double

    public init(name: String, role: String, address: String, softwareVersion: String, appliedVersion: UInt64? = nil,
                controller: String? = nil, lastError: String? = nil, connected: Bool = true) {
        self.name = name
        self.role = role
        self.address = address
        self.softwareVersion = softwareVersion
        self.appliedVersion = appliedVersion
        self.controller = controller
        self.lastError = lastError
        self.connected = connected
        self.updatedAt = Date().timeIntervalSince1970
    }

    var encoded: [UInt8] { Array((try? JSONEncoder.sorted.encode(self)) ?? Data()) }

    static func decode(_ bytes: [UInt8]) -> NodeRecord? {
        try? JSONDecoder().decode(NodeRecord.self, from: Data(bytes))
    }
}

extension JSONEncoder {
    /// Keys in a stable order, so equal records encode to equal bytes.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
