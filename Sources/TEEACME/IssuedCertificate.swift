public import Foundation
public import TEEModel
import X509

/// A certificate obtained from the CA: the chain and key as PEM, for the names of `domain`.
public struct IssuedCertificate: Sendable, Equatable {
    public var domain: CertificateDomain
    public var certificatePEM: String
    public var keyPEM: String
    /// The leaf's expiry, read from the chain; nil when the chain does not parse.
    public var notAfter: Date?

    public init(domain: CertificateDomain, certificatePEM: String, keyPEM: String) {
        self.domain = domain
        self.certificatePEM = certificatePEM
        self.keyPEM = keyPEM
        self.notAfter = (try? PEMChain.certificates(certificatePEM))?.first?.notValidAfter
    }

    /// As the proxies load certificates: inline PEM.
    public var files: CertificateFiles { CertificateFiles(certFile: self.certificatePEM, keyFile: self.keyPEM) }
}
