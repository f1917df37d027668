import NIOSSL
import TEEModel

extension ProviderTLSConfiguration {
    /// The client TLS configuration: the CA file as the only trust root when given, the client
    /// certificate when given, and no verification with `insecureSkipVerify`.
    func clientConfiguration() throws -> NIOSSL.TLSConfiguration {
        var configuration = NIOSSL.TLSConfiguration.makeClientConfiguration()
        if let ca = self.ca { configuration.trustRoots = .file(ca) }
        if let cert = self.cert, let key = self.key {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
        }
        if self.insecureSkipVerify { configuration.certificateVerification = .none }
        return configuration
    }
}
