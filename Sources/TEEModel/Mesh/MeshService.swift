/// A service registered in the mesh: the port clients use on its virtual IP, how its traffic
/// is carried, and its instances on the nodes.
public struct MeshService: Sendable {
    public var identity: MeshServiceIdentity
    public var serviceProtocol: MeshServiceProtocol
    /// The port clients connect to on the service's virtual IP.
    public var port: Int
    public var instances: [MeshServiceInstance]

    public init(identity: MeshServiceIdentity, serviceProtocol: MeshServiceProtocol, port: Int, instances: [MeshServiceInstance]) {
        self.identity = identity
        self.serviceProtocol = serviceProtocol
        self.port = port
        self.instances = instances
    }
}
