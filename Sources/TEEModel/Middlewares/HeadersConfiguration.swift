/// `headers`: custom request and response headers, CORS and security headers, with Traefik's keys.
public struct HeadersConfiguration: Sendable, Equatable {
    /// One header to set; an empty value removes the header.
    public struct Setting: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var customRequestHeaders: [Setting] = []
    public var customResponseHeaders: [Setting] = []
    // CORS
    public var accessControlAllowCredentials = false
    public var accessControlAllowHeaders: [String] = []
    public var accessControlAllowMethods: [String] = []
    public var accessControlAllowOriginList: [String] = []
    public var accessControlAllowOriginListRegex: [CompiledRegex] = []
    public var accessControlExposeHeaders: [String] = []
    public var accessControlMaxAge = 0
    public var addVaryHeader = false
    // Security
    public var allowedHosts: [String] = []
    public var hostsProxyHeaders: [String] = []
    public var stsSeconds = 0
    public var stsIncludeSubdomains = false
    public var stsPreload = false
    public var forceSTSHeader = false
    public var frameDeny = false
    public var customFrameOptionsValue = ""
    public var contentTypeNosniff = false
    public var browserXssFilter = false
    public var customBrowserXSSValue = ""
    public var contentSecurityPolicy = ""
    public var contentSecurityPolicyReportOnly = ""
    public var publicKey = ""
    public var referrerPolicy = ""
    public var permissionsPolicy = ""
    public var isDevelopment = false

    public init(customRequestHeaders: [Setting] = [], customResponseHeaders: [Setting] = []) {
        self.customRequestHeaders = customRequestHeaders
        self.customResponseHeaders = customResponseHeaders
    }

    /// Whether any CORS key is set (preflight requests are then answered by the proxy).
    public var hasCORS: Bool {
        self.accessControlAllowCredentials || !self.accessControlAllowHeaders.isEmpty || !self.accessControlAllowMethods.isEmpty
            || !self.accessControlAllowOriginList.isEmpty || !self.accessControlAllowOriginListRegex.isEmpty
            || !self.accessControlExposeHeaders.isEmpty || self.accessControlMaxAge != 0
    }

    static let keys = [
        "customRequestHeaders", "customResponseHeaders", "accessControlAllowCredentials", "accessControlAllowHeaders",
        "accessControlAllowMethods", "accessControlAllowOriginList", "accessControlAllowOriginListRegex",
        "accessControlExposeHeaders", "accessControlMaxAge", "addVaryHeader", "allowedHosts", "hostsProxyHeaders",
        "sslRedirect", "sslTemporaryRedirect", "sslHost", "sslProxyHeaders", "sslForceHost", "stsSeconds",
        "stsIncludeSubdomains", "stsPreload", "forceSTSHeader", "frameDeny", "customFrameOptionsValue", "contentTypeNosniff",
        "browserXssFilter", "customBrowserXSSValue", "contentSecurityPolicy", "contentSecurityPolicyReportOnly",
        "publicKey", "referrerPolicy", "featurePolicy", "permissionsPolicy", "isDevelopment",
    ]

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(Self.keys)
        for key in ["sslRedirect", "sslTemporaryRedirect", "sslHost", "sslForceHost", "featurePolicy"] {
            if let node = try body.child(key) {
                throw node.error("\(key) was removed in Traefik v3; use a redirectScheme middleware or permissionsPolicy instead")
            }
        }
        var headers = Self()
        headers.customRequestHeaders = try Self.settings(body.child("customRequestHeaders"))
        headers.customResponseHeaders = try Self.settings(body.child("customResponseHeaders"))
        func list(_ key: String) throws(ConfigurationError) -> [String] { try body.child(key)?.stringList() ?? [] }
        func flag(_ key: String) throws(ConfigurationError) -> Bool { try body.child(key)?.bool() ?? false }
        func text(_ key: String) throws(ConfigurationError) -> String {
            guard let node = try body.child(key) else { return "" }
            let value = try node.string()
            guard HeaderSyntax.isValidValue(value) else { throw node.error("the value contains a line break or control character") }
            return value
        }
        headers.accessControlAllowCredentials = try flag("accessControlAllowCredentials")
        headers.accessControlAllowHeaders = try list("accessControlAllowHeaders")
        headers.accessControlAllowMethods = try list("accessControlAllowMethods")
        headers.accessControlAllowOriginList = try list("accessControlAllowOriginList")
        if let regexes = try body.child("accessControlAllowOriginListRegex") {
            headers.accessControlAllowOriginListRegex = try regexes.stringList().map { (pattern) throws(ConfigurationError) -> CompiledRegex in
                do { return try CompiledRegex(pattern) } catch { throw regexes.error("\(error)") }
            }
        }
        headers.accessControlExposeHeaders = try list("accessControlExposeHeaders")
        headers.accessControlMaxAge = try body.child("accessControlMaxAge")?.int(atLeast: 0) ?? 0
        headers.addVaryHeader = try flag("addVaryHeader")
        headers.allowedHosts = try list("allowedHosts")
        headers.hostsProxyHeaders = try list("hostsProxyHeaders")
        headers.stsSeconds = try body.child("stsSeconds")?.int(atLeast: 0) ?? 0
        headers.stsIncludeSubdomains = try flag("stsIncludeSubdomains")
        headers.stsPreload = try flag("stsPreload")
        headers.forceSTSHeader = try flag("forceSTSHeader")
        headers.frameDeny = try flag("frameDeny")
        headers.customFrameOptionsValue = try text("customFrameOptionsValue")
        headers.contentTypeNosniff = try flag("contentTypeNosniff")
        headers.browserXssFilter = try flag("browserXssFilter")
        headers.customBrowserXSSValue = try text("customBrowserXSSValue")
        headers.contentSecurityPolicy = try text("contentSecurityPolicy")
        headers.contentSecurityPolicyReportOnly = try text("contentSecurityPolicyReportOnly")
        headers.publicKey = try text("publicKey")
        headers.referrerPolicy = try text("referrerPolicy")
        headers.permissionsPolicy = try text("permissionsPolicy")
        headers.isDevelopment = try flag("isDevelopment")
        return headers
    }

    private static func settings(_ node: ConfigNode?) throws(ConfigurationError) -> [Setting] {
        try (node?.entries() ?? []).map { (entry) throws(ConfigurationError) -> Setting in
            let value = try entry.value.string()
            guard HeaderSyntax.isValidName(entry.key) else {
                throw entry.value.error("'\(entry.key)' is not a valid header name; use letters, digits and -")
            }
            guard HeaderSyntax.isValidValue(value) else {
                throw entry.value.error("the value contains a line break or control character, which would split the header")
            }
            return Setting(entry.key, value)
        }
    }
}
