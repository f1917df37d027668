import NIOSSL
import TEEModel

/// The TLS contexts of one configuration: a pair per `tls.options` entry in use, chosen for each
/// connection by the server name in its ClientHello, as Traefik picks a router's options by the
/// hosts of its rule (or its `tls.domains`). Names no router claims get the `default` options.
/// Of the pair, the one without a certificate callback serves names the default certificate
/// would answer anyway.
final class TLSServerContexts: Sendable {
    /// One `tls.options` entry's contexts: `choosing` picks each connection's certificate by SNI
    /// during the handshake; `serving` has the default certificate and is used when the SNI gets
    /// that one anyway, which spares the handshake the choice.
    struct OptionsContexts: Sendable {
        let choosing: NIOSSLContext
        let serving: NIOSSLContext
        /// `sniStrict`: a name no certificate carries is refused (by the choosing context).
        let sniStrict: Bool
    }

    private let store: TLSCertificateStore
    /// The contexts of `tls.options.default`.
    private let defaultContexts: OptionsContexts
    /// Contexts by options name; an entry that failed to build is missing, and its hosts are refused.
    private let byOptions: [String: OptionsContexts]
    /// Options names by exact host, and by wildcard suffix (`.example.com`).
    private let exactHosts: [String: String]
    private let wildcardHosts: [String: String]

    init(store: TLSCertificateStore, defaultContexts: OptionsContexts, byOptions: [String: OptionsContexts],
         exactHosts: [String: String], wildcardHosts: [String: String]) {
        self.store = store
        self.defaultContexts = defaultContexts
        self.byOptions = byOptions
        self.exactHosts = exactHosts
        self.wildcardHosts = wildcardHosts
    }

    /// The context for a ClientHello naming `serverName`; nil when its options could not be built
    /// (the connection is refused rather than served with weaker settings than configured).
    func context(forServerName serverName: String?) -> NIOSSLContext? {
        let contexts: OptionsContexts
        let options = serverName.flatMap { name in
            self.exactHosts[name] ?? (self.wildcardHosts.isEmpty ? nil : HostPattern.wildcardSuffix(of: name).flatMap { self.wildcardHosts[$0] })
        }
        if let options, options != "default" {
            guard let found = self.byOptions[options] else { return nil }
            contexts = found
        } else {
            contexts = self.defaultContexts
        }
        return self.store.servesDefault(for: serverName, strict: contexts.sniStrict) ? contexts.serving : contexts.choosing
    }
}
