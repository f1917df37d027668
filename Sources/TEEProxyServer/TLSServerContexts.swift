import NIOSSL
import TEEModel

/// The TLS contexts of one configuration: one per `tls.options` entry in use, chosen for each
/// connection by the server name in its ClientHello, as Traefik picks a router's options by the
/// hosts of its rule (or its `tls.domains`). Names no router claims get the `default` options.
final class TLSServerContexts: Sendable {
    /// The context of `tls.options.default`.
    let defaultContext: NIOSSLContext
    /// Contexts by options name; an entry that failed to build is missing, and its hosts are refused.
    private let byOptions: [String: NIOSSLContext]
    /// Options names by exact host, and by wildcard suffix (`.example.com`).
    private let exactHosts: [String: String]
    private let wildcardHosts: [String: String]

    init(defaultContext: NIOSSLContext, byOptions: [String: NIOSSLContext], exactHosts: [String: String], wildcardHosts: [String: String]) {
        self.defaultContext = defaultContext
        self.byOptions = byOptions
        self.exactHosts = exactHosts
        self.wildcardHosts = wildcardHosts
    }

    /// The context for a ClientHello naming `serverName`; nil when its options could not be built
    /// (the connection is refused rather than served with weaker settings than configured).
    func context(forServerName serverName: String?) -> NIOSSLContext? {
        guard let serverName else { return self.defaultContext }
        let options = self.exactHosts[serverName] ?? HostPattern.wildcardSuffix(of: serverName).flatMap { self.wildcardHosts[$0] }
        guard let options, options != "default" else { return self.defaultContext }
        return self.byOptions[options]
    }
}
