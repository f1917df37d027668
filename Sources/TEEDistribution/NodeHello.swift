/// What a node says when it opens its snapshot stream.
public struct NodeHello: Sendable, Hashable {
    public var nodeName: String
    /// `proxy` or `mesh`.
    public var role: String
    /// The snapshot version it serves now (0: none).
    public var appliedVersion: UInt64
    public var softwareVersion: String

    public init(nodeName: String, role: String, appliedVersion: UInt64, softwareVersion: String) {
        self.nodeName = nodeName
        self.role = role
        self.appliedVersion = appliedVersion
        self.softwareVersion = softwareVersion
    }
}
