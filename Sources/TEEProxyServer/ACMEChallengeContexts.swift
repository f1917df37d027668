import Logging
import NIOSSL
import TEEModel

/// The TLS contexts that answer TLS-ALPN-01 (RFC 8737): for each domain being validated, its
/// acmeIdentifier certificate, offered only to a client that asks for the `acme-tls/1` protocol.
final class ACMEChallengeContexts: Sendable {
    /// The ALPN protocol a CA's validation connection asks for.
    static let alpnProtocol = "acme-tls/1"

    private let byDomain: [String: NIOSSLContext]

    private init(byDomain: [String: NIOSSLContext]) {
        self.byDomain = byDomain
    }

    /// The contexts for the challenges in progress; nil when there are none.
    static func make(_ challenges: ACMEChallengeResponses, logger: Logger) -> ACMEChallengeContexts? {
        var byDomain: [String: NIOSSLContext] = [:]
        for (domain, files) in challenges.tlsCertificates {
            do {
                var tls = NIOSSL.TLSConfiguration.makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(files.certFile.utf8)).map { .certificate($0) },
                    privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(files.keyFile.utf8), format: .pem)))
                tls.applicationProtocols = [Self.alpnProtocol]
                tls.minimumTLSVersion = .tlsv12
                byDomain[domain.lowercased()] = try NIOSSLContext(configuration: tls)
            } catch {
                logger.error("TLS-ALPN-01 certificate not usable", metadata: ["domain": "\(domain)", "error": "\(error)"])
            }
        }
        return byDomain.isEmpty ? nil : ACMEChallengeContexts(byDomain: byDomain)
    }

    /// The context answering a validation connection for `serverName`.
    func context(forServerName serverName: String?) -> NIOSSLContext? {
        serverName.flatMap { self.byDomain[$0] }
    }
}
