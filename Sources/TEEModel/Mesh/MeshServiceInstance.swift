/// One registered instance of a mesh service: where it listens and which local user runs it.
public struct MeshServiceInstance: Hashable, Sendable {
    public var service: MeshServiceIdentity
    /// The node (host) the instance runs on.
    public var node: String
    /// The port it listens on, on that node's loopback.
    public var port: Int
    public var serviceProtocol: MeshServiceProtocol
    /// The uid of the instance's processes: the agent knows a local client's service by it.
    public var uid: UInt32

    public init(service: MeshServiceIdentity, node: String, port: Int, serviceProtocol: MeshServiceProtocol, uid: UInt32) {
        self.service = service
        self.node = node
        self.port = port
        self.serviceProtocol = serviceProtocol
        self.uid = uid
    }
}
