/// `forwardAuth`: asks an authentication server about each request; a 2xx answer lets it through
/// (copying `authResponseHeaders` onto it), anything else goes back to the client as the answer.
public struct ForwardAuthConfiguration: Sendable, Equatable {
    /// `address`: the authentication server's URL.
    public var address: UpstreamURL
    /// The path and query of `address`.
    public var addressPath: String
    public var trustForwardHeader: Bool
    public var authResponseHeaders: [String]
    public var authResponseHeadersRegex: CompiledRegex?
    /// `authRequestHeaders`: the request headers sent to the server; empty sends them all.
    public var authRequestHeaders: [String]
    /// `addAuthCookiesToResponse`: cookies from the server's answer added to the response.
    public var addAuthCookiesToResponse: [String]
    /// `tls`: how to reach an https address.
    public var tls: ServersTransportConfiguration

    public init(address: UpstreamURL, addressPath: String) {
        self.address = address
        self.addressPath = addressPath
        self.trustForwardHeader = false
        self.authResponseHeaders = []
        self.authResponseHeadersRegex = nil
        self.authRequestHeaders = []
        self.addAuthCookiesToResponse = []
        self.tls = ServersTransportConfiguration(dialTimeout: .seconds(30))
    }

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["address", "tls", "trustForwardHeader", "authResponseHeaders", "authResponseHeadersRegex",
                                   "authRequestHeaders", "addAuthCookiesToResponse", "headerField", "forwardBody",
                                   "maxBodySize", "preserveLocationHeader", "preserveRequestMethod"])
        guard let addressNode = try body.child("address") else { throw body.error("missing address: the authentication server's URL") }
        let text = try addressNode.string()
        guard let address = UpstreamURL(parsing: text), address.scheme != "h2c" else {
            throw addressNode.error("'\(text)' is not an http:// or https:// URL")
        }
        for key in ["forwardBody", "preserveRequestMethod"] where try body.child(key)?.bool() == true {
            throw (try body.child(key) ?? body).error("\(key) is not supported; the authentication request is a GET without a body")
        }
        let afterAuthority = text.split(separator: "://", maxSplits: 1).last.map(String.init) ?? ""
        let pathStart = afterAuthority.firstIndex { $0 == "/" || $0 == "?" }
        var path = pathStart.map { String(afterAuthority[$0...]) } ?? "/"
        if path.hasPrefix("?") { path = "/" + path }
        var settings = Self(address: address, addressPath: path)
        settings.trustForwardHeader = try body.child("trustForwardHeader")?.bool() ?? false
        settings.authResponseHeaders = try body.child("authResponseHeaders")?.stringList() ?? []
        settings.authResponseHeadersRegex = try body.child("authResponseHeadersRegex")?.regex()
        settings.authRequestHeaders = try body.child("authRequestHeaders")?.stringList() ?? []
        settings.addAuthCookiesToResponse = try body.child("addAuthCookiesToResponse")?.stringList() ?? []
        if let tls = try body.child("tls") {
            try tls.requireKnownKeys(["ca", "cert", "key", "insecureSkipVerify", "caOptional"])
            settings.tls.insecureSkipVerify = try tls.child("insecureSkipVerify")?.bool() ?? false
            if let ca = try tls.child("ca") { settings.tls.rootCAs = [try ca.string()] }
            let cert = try tls.child("cert")
            let key = try tls.child("key")
            if cert != nil || key != nil {
                guard let cert, let key else { throw tls.error("cert and key go together") }
                settings.tls.certificates = [CertificateFiles(certFile: try cert.string(), keyFile: try key.string())]
            }
        }
        return settings
    }
}
