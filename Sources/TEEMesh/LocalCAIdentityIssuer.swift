import Crypto
public import Foundation
public import NIOSSL
public import TEEModel
public import TEEPKI
import SwiftASN1
import X509

/// Signs service certificates with the cluster CA's key held on this host: for a standalone
/// agent (`tee-mesh --ca-key`), and for tests. In a cluster the controllers sign instead.
public struct LocalCAIdentityIssuer: MeshIdentityIssuer {
    private let ca: ClusterCA
    private let clusterName: String
    private let validity: TimeInterval
    public let trustRoots: [NIOSSLCertificate]

    /// Mesh certificates are short-lived; the agent renews them at two thirds of their life.
    public static let defaultValidity: TimeInterval = 72 * 3600

    public init(ca: ClusterCA, clusterName: String, validity: TimeInterval = Self.defaultValidity) throws {
        self.ca = ca
        self.clusterName = clusterName
        self.validity = validity
        self.trustRoots = [try NIOSSLCertificate(bytes: Array(ca.certificatePEM.utf8), format: .pem)]
    }

    public func credential(for service: MeshServiceIdentity) async throws -> MeshServiceCredential {
        let key = P256.Signing.PrivateKey()
        let certificate = try self.ca.issue(commonName: service.dnsName, names: [service.dnsName, service.spiffeID(cluster: self.clusterName)],
                                            publicKey: Certificate.PublicKey(key.publicKey), validity: self.validity)
        return try MeshServiceCredential(certificatePEM: certificate.serializeAsPEM().pemString, keyPEM: key.pemRepresentation,
                                         validity: .seconds(self.validity))
    }
}
