import TEEModel

/// What a kept connection is good for: the address it goes to and, between agents, the
/// certificate it presented (the source service's) and the service SNI named. A struct rather
/// than a joined string, so that finding a connection allocates nothing.
struct MeshConnectionKey: Hashable {
    var address: HostPort
    var source: MeshServiceIdentity?
    var destination: MeshServiceIdentity?

    /// A plain connection to a local instance.
    static func local(port: Int) -> MeshConnectionKey {
        MeshConnectionKey(address: HostPort(host: "127.0.0.1", port: port), source: nil, destination: nil)
    }
}
