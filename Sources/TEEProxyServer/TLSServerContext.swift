import NIOCore
import NIOSSL
import TEEModel

/// Builds the TLS server context for a configuration: certificates chosen by SNI from the
/// store, and the `default` entry of `tls.options` (versions, client certificates, sniStrict, ALPN).
enum TLSServerContext {
    /// The context, or nil when no certificate is configured (entry points then stay plain HTTP).
    static func make(_ configuration: TEEModel.TLSConfiguration) throws -> (context: NIOSSLContext?, problems: [String]) {
        let store = TLSCertificateStore(configuration)
        guard let fallback = store.defaultEntry else { return (nil, store.problems) }
        let options = configuration.options["default"] ?? TLSOptionsConfiguration()
        var tls = NIOSSL.TLSConfiguration.makeServerConfiguration(
            certificateChain: fallback.chain.map { .certificate($0) },
            privateKey: .privateKey(fallback.key)
        )
        tls.minimumTLSVersion = Self.version(options.minVersion) ?? .tlsv12
        if let maximum = Self.version(options.maxVersion) { tls.maximumTLSVersion = maximum }
        // `alpnProtocols` (default h2, http/1.1), limited to the two we serve.
        tls.applicationProtocols = options.alpnProtocols.filter { $0 == "h2" || $0 == "http/1.1" }
        switch options.clientAuthType {
        case "RequireAndVerifyClientCert", "RequireAnyClientCert":
            // Client certificates are checked against caFiles; client host names are never checked.
            tls.certificateVerification = .noHostnameVerification
            tls.trustRoots = .certificates(try options.clientCAFiles.flatMap { try NIOSSLCertificate.fromPEMFile($0) })
        case "VerifyClientCertIfGiven", "RequestClientCert":
            tls.certificateVerification = .optionalVerification
            if !options.clientCAFiles.isEmpty {
                tls.trustRoots = .certificates(try options.clientCAFiles.flatMap { try NIOSSLCertificate.fromPEMFile($0) })
            }
        default:
            tls.certificateVerification = .none
        }
        let strict = options.sniStrict
        tls.sslContextCallback = { values, promise in
            guard let entry = store.entry(for: values.serverHostname, strict: strict) else {
                promise.fail(TLSStoreError(message: "no certificate for \(values.serverHostname ?? "a client without SNI") (sniStrict)"))
                return
            }
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = entry.chain.map { .certificate($0) }
            override.privateKey = .privateKey(entry.key)
            promise.succeed(override)
        }
        return (try NIOSSLContext(configuration: tls), store.problems)
    }

    private static func version(_ name: String?) -> TLSVersion? {
        switch name {
        case "VersionTLS10": .tlsv1
        case "VersionTLS11": .tlsv11
        case "VersionTLS12": .tlsv12
        case "VersionTLS13": .tlsv13
        default: nil
        }
    }
}
