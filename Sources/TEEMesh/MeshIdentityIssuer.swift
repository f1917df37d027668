public import NIOSSL
public import TEEModel

/// Where an agent gets the certificates of the services on its node: the controllers (which
/// sign only for services registered on the asking node), or a local CA key in standalone mode.
public protocol MeshIdentityIssuer: Sendable {
    /// The CA certificates a peer agent's certificate must chain to.
    var trustRoots: [NIOSSLCertificate] { get }
    /// A fresh certificate and key for `service`, whose instance runs on this agent's node.
    func credential(for service: MeshServiceIdentity) async throws -> MeshServiceCredential
}
