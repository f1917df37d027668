public import NIOSSL

/// A local service's mTLS identity: a certificate naming its SPIFFE ID and `.mesh` name,
/// signed by the cluster CA, and its private key.
public struct MeshServiceCredential: Sendable {
    public var certificateChain: [NIOSSLCertificate]
    public var privateKey: NIOSSLPrivateKey
    /// When the certificate stops being valid (the agent renews it well before).
    public var notValidAfter: ContinuousClock.Instant

    public init(certificateChain: [NIOSSLCertificate], privateKey: NIOSSLPrivateKey, notValidAfter: ContinuousClock.Instant) {
        self.certificateChain = certificateChain
        self.privateKey = privateKey
        self.notValidAfter = notValidAfter
    }
}

extension MeshServiceCredential {
    /// A credential from PEM text, valid for `validity` from now.
    public init(certificatePEM: String, keyPEM: String, validity: Duration) throws {
        self.init(certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)),
                  privateKey: try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem),
                  notValidAfter: .now + validity)
    }
}
