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
        let (address, path) = try AuthClientConfiguration.url(addressNode)
        for key in ["forwardBody", "preserveRequestMethod"] where try body.child(key)?.bool() == true {
            throw (try body.child(key) ?? body).error("\(key) is not supported; the authentication request is a GET without a body")
        }
        var settings = Self(address: address, addressPath: path)
        settings.trustForwardHeader = try body.child("trustForwardHeader")?.bool() ?? false
        settings.authResponseHeaders = try body.child("authResponseHeaders")?.stringList() ?? []
        settings.authResponseHeadersRegex = try body.child("authResponseHeadersRegex")?.regex()
        settings.authRequestHeaders = try body.child("authRequestHeaders")?.stringList() ?? []
        settings.addAuthCookiesToResponse = try body.child("addAuthCookiesToResponse")?.stringList() ?? []
        if let tls = try body.child("tls") { try AuthClientConfiguration.tls(tls, into: &settings.tls, extraKeys: ["caOptional"]) }
        return settings
    }
}
