/// A client TLS section (`providers.docker.tls`, `providers.redis.tls`, `providers.http.tls`, `tracing.otlp.*.tls`):
/// the CA that signs the server, and a client certificate.
public struct ProviderTLSConfiguration: Sendable, Equatable {
    public var ca: String?
    public var cert: String?
    public var key: String?
    public var insecureSkipVerify = false

    public init(ca: String? = nil, cert: String? = nil, key: String? = nil, insecureSkipVerify: Bool = false) {
        self.ca = ca
        self.cert = cert
        self.key = key
        self.insecureSkipVerify = insecureSkipVerify
    }

    static func parse(_ node: ConfigNode) throws(ConfigurationError) -> ProviderTLSConfiguration {
        var tls = ProviderTLSConfiguration(ca: try node.child("ca")?.string(), cert: try node.child("cert")?.string(),
                                           key: try node.child("key")?.string())
        tls.insecureSkipVerify = try node.child("insecureSkipVerify")?.bool() ?? false
        if (tls.cert == nil) != (tls.key == nil) {
            throw node.error("cert and key go together; give both files or neither")
        }
        return tls
    }
}
