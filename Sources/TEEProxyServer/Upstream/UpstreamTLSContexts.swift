import NIOSSL
import Synchronization
import TEEModel
import TEEProxy

/// TLS client contexts for `https://` servers, one per `serversTransport` setting, made on first use.
final class UpstreamTLSContexts: Sendable {
    private let contexts = Mutex<[UpstreamTransport: NIOSSLContext]>([:])

    /// The context for `transport`: `rootCAs` (else the system's), `insecureSkipVerify`, client
    /// `certificates`, and ALPN offering `h2` unless `disableHTTP2`.
    func context(for transport: UpstreamTransport) throws -> NIOSSLContext {
        if let existing = self.contexts.withLock({ $0[transport] }) { return existing }
        var configuration = NIOSSL.TLSConfiguration.makeClientConfiguration()
        configuration.applicationProtocols = transport.disableHTTP2 ? ["http/1.1"] : ["h2", "http/1.1"]
        if transport.insecureSkipVerify {
            configuration.certificateVerification = .none
        } else if !transport.rootCAs.isEmpty {
            configuration.trustRoots = .certificates(try transport.rootCAs.flatMap { try NIOSSLCertificate.fromPEMFile($0) })
        }
        if let client = transport.certificates.first {
            configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(client.certFile).map { .certificate($0) }
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: client.keyFile, format: .pem))
        }
        let context = try NIOSSLContext(configuration: configuration)
        self.contexts.withLock { $0[transport] = context }
        return context
    }
}
