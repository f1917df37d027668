import TEEModel

/// One local listener of the agent: the address clients connect to and the service behind it.
struct MeshListenerSpec: Hashable, Sendable {
    var address: HostPort
    var service: MeshServiceIdentity
    var serviceProtocol: MeshServiceProtocol
}
