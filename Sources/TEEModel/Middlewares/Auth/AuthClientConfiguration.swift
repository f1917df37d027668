/// `clientConfig`: how a middleware reaches its identity provider (JWKS, introspection and token
/// endpoints): TLS, how long to wait and how often to try again when it cannot be reached.
public struct AuthClientConfiguration: Sendable, Equatable {
    /// `tls.ca`, `tls.cert`, `tls.key` (PEM files), `tls.insecureSkipVerify`.
    public var tls: ServersTransportConfiguration
    /// `timeoutSeconds`: how long one request to the provider may take.
    public var timeout: Duration
    /// `maxRetries`: further tries after a request that got no answer.
    public var maxRetries: Int

    public init() {
        self.tls = ServersTransportConfiguration(dialTimeout: .seconds(5))
        self.timeout = .seconds(5)
        self.maxRetries = 3
    }

    /// Reads `clientConfig`, whose other keys (`extraKeys`) the caller reads.
    static func parse(_ node: ConfigNode?, extraKeys: [String] = []) throws(ConfigurationError) -> Self {
        var settings = Self()
        guard let node else { return settings }
        try node.requireKnownKeys(["tls", "timeoutSeconds", "maxRetries"] + extraKeys)
        if let timeout = try node.child("timeoutSeconds") {
            settings.timeout = .seconds(try timeout.int(atLeast: 1))
            settings.tls.dialTimeout = settings.timeout
        }
        settings.maxRetries = try node.child("maxRetries")?.int(atLeast: 0) ?? settings.maxRetries
        if let tls = try node.child("tls") { try Self.tls(tls, into: &settings.tls) }
        return settings
    }

    /// A client `tls` section (`ca`, `cert`, `key` as PEM files, `insecureSkipVerify`, and
    /// `extraKeys` read elsewhere) onto `transport`: how a middleware reaches its server.
    static func tls(_ tls: ConfigNode, into transport: inout ServersTransportConfiguration,
                    extraKeys: [String] = []) throws(ConfigurationError) {
        try tls.requireKnownKeys(["ca", "cert", "key", "insecureSkipVerify"] + extraKeys)
        transport.insecureSkipVerify = try tls.child("insecureSkipVerify")?.bool() ?? false
        func file(_ key: String) throws(ConfigurationError) -> String? {
            guard let child = try tls.child(key) else { return nil }
            let path = try child.string()
            if path.hasPrefix("-----BEGIN") { throw child.error("give the path of a PEM file; tee reads certificates and keys from files") }
            return path
        }
        if let ca = try file("ca") { transport.rootCAs = [ca] }
        let cert = try file("cert")
        let key = try file("key")
        if cert != nil || key != nil {
            guard let cert, let key else { throw tls.error("cert and key go together") }
            transport.certificates = [CertificateFiles(certFile: cert, keyFile: key)]
        }
    }

    /// An `http://` or `https://` URL under `node`, or an error that names it.
    static func url(_ node: ConfigNode) throws(ConfigurationError) -> (url: UpstreamURL, path: String) {
        let text = try node.string()
        guard let parsed = Self.url(text) else { throw node.error("'\(text)' is not an http:// or https:// URL") }
        return parsed
    }

    /// An `http://` or `https://` URL and its path with query (`/` when it has none).
    public static func url(_ text: String) -> (url: UpstreamURL, path: String)? {
        guard let url = UpstreamURL(parsing: text), url.scheme != "h2c" else { return nil }
        let afterAuthority = text.split(separator: "://", maxSplits: 1).last.map(String.init) ?? ""
        let pathStart = afterAuthority.firstIndex { $0 == "/" || $0 == "?" }
        var path = pathStart.map { String(afterAuthority[$0...]) } ?? "/"
        if path.hasPrefix("?") { path = "/" + path }
        return (url, path)
    }
}
