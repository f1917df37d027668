/// `passTLSClientCert`: passes the client's TLS certificate to the server, as PEM
/// (`X-Forwarded-Tls-Client-Cert`) and/or selected fields (`X-Forwarded-Tls-Client-Cert-Info`).
public struct PassTLSClientCertConfiguration: Sendable, Equatable {
    /// Which parts of a distinguished name go into the info header.
    public struct NameFields: Sendable, Equatable {
        public var country = false
        public var province = false
        public var locality = false
        public var organization = false
        public var organizationalUnit = false
        public var commonName = false
        public var serialNumber = false
        public var domainComponent = false

        public init() {}
    }

    public var pem = false
    public var notAfter = false
    public var notBefore = false
    public var sans = false
    public var serialNumber = false
    public var subject: NameFields?
    public var issuer: NameFields?

    /// Whether the info header is asked for at all.
    public var wantsInfo: Bool { self.notAfter || self.notBefore || self.sans || self.serialNumber || self.subject != nil || self.issuer != nil }

    public init() {}

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["pem", "info"])
        var settings = Self()
        settings.pem = try body.child("pem")?.bool() ?? false
        if let info = try body.child("info") {
            try info.requireKnownKeys(["notAfter", "notBefore", "sans", "serialNumber", "subject", "issuer"])
            settings.notAfter = try info.child("notAfter")?.bool() ?? false
            settings.notBefore = try info.child("notBefore")?.bool() ?? false
            settings.sans = try info.child("sans")?.bool() ?? false
            settings.serialNumber = try info.child("serialNumber")?.bool() ?? false
            settings.subject = try info.child("subject").map(Self.nameFields)
            settings.issuer = try info.child("issuer").map(Self.nameFields)
        }
        guard settings.pem || settings.wantsInfo else { throw body.error("set pem: true or some info fields; otherwise nothing is passed") }
        return settings
    }

    private static func nameFields(_ node: ConfigNode) throws(ConfigurationError) -> NameFields {
        try node.requireKnownKeys(["country", "province", "locality", "organization", "organizationalUnit", "commonName",
                                   "serialNumber", "domainComponent"])
        var fields = NameFields()
        fields.country = try node.child("country")?.bool() ?? false
        fields.province = try node.child("province")?.bool() ?? false
        fields.locality = try node.child("locality")?.bool() ?? false
        fields.organization = try node.child("organization")?.bool() ?? false
        fields.organizationalUnit = try node.child("organizationalUnit")?.bool() ?? false
        fields.commonName = try node.child("commonName")?.bool() ?? false
        fields.serialNumber = try node.child("serialNumber")?.bool() ?? false
        fields.domainComponent = try node.child("domainComponent")?.bool() ?? false
        return fields
    }
}
