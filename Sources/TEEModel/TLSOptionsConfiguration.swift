/// `tls.options.<name>`.
public struct TLSOptionsConfiguration: Sendable, Equatable {
    /// `VersionTLS10` … `VersionTLS13`.
    public var minVersion: String?
    public var maxVersion: String?
    public var cipherSuites: [String]
    /// `clientAuth.caFiles`.
    public var clientCAFiles: [String]
    /// `clientAuth.clientAuthType`: `NoClientCert`, `RequestClientCert`, `RequireAnyClientCert`,
    /// `VerifyClientCertIfGiven`, `RequireAndVerifyClientCert`.
    public var clientAuthType: String?
    public var sniStrict: Bool
    public var alpnProtocols: [String]

    public init(minVersion: String? = nil, maxVersion: String? = nil, cipherSuites: [String] = [],
                clientCAFiles: [String] = [], clientAuthType: String? = nil, sniStrict: Bool = false,
                alpnProtocols: [String] = ["h2", "http/1.1"]) {
        self.minVersion = minVersion
        self.maxVersion = maxVersion
        self.cipherSuites = cipherSuites
        self.clientCAFiles = clientCAFiles
        self.clientAuthType = clientAuthType
        self.sniStrict = sniStrict
        self.alpnProtocols = alpnProtocols
    }
}
