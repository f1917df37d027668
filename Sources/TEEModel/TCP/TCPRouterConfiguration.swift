/// `tcp.routers.<name>`: routes connections by `HostSNI`, `HostSNIRegexp`, `ClientIP` and `ALPN`.
public struct TCPRouterConfiguration: Sendable, Equatable {
    /// `tls`: how a TLS connection is handled.
    public struct TLS: Sendable, Equatable {
        /// `passthrough`: the TLS bytes go to the server untouched; otherwise the proxy terminates TLS.
        public var passthrough: Bool
        /// `options`: the `tls.options` entry used when terminating.
        public var options: String?
        /// `certResolver` and `domains[]`, as an HTTP router's: the certificate obtained for the `HostSNI` names.
        public var certResolver: String?
        public var certificateDomains: [CertificateDomain]

        public init(passthrough: Bool = false, options: String? = nil, certResolver: String? = nil,
                    certificateDomains: [CertificateDomain] = []) {
            self.passthrough = passthrough
            self.options = options
            self.certResolver = certResolver
            self.certificateDomains = certificateDomains
        }
    }

    public var rule: String
    public var entryPoints: [String]
    public var middlewares: [String]
    public var service: String
    public var priority: Int?
    public var tls: TLS?

    public init(rule: String, service: String) {
        self.rule = rule
        self.entryPoints = []
        self.middlewares = []
        self.service = service
    }

    /// The order routers are tried in, as Traefik: the explicit priority unless it is 0, else the rule's length in bytes (Go's `len`).
    public var effectivePriority: Int {
        if let priority = self.priority, priority != 0 { return priority }
        return self.rule.utf8.count
    }
}
