public import NIOHTTP1
public import TEEModel

/// `headers`: custom request and response headers (an empty value removes the header), CORS
/// (preflight requests answered here, `Access-Control-*` on responses) and security headers.
public struct HeadersMiddleware: RequestMiddleware {
    public let configuration: HeadersConfiguration
    private let allowsAnyOrigin: Bool

    public init(_ configuration: HeadersConfiguration) {
        self.configuration = configuration
        self.allowsAnyOrigin = configuration.accessControlAllowOriginList.contains("*")
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let configuration = self.configuration
        if !configuration.allowedHosts.isEmpty && !configuration.isDevelopment {
            let forwarded = configuration.hostsProxyHeaders.compactMap { name in request.head.headers.first(name: name) }.first
            let host = forwarded.map(HostPattern.normalise) ?? request.host
            if !configuration.allowedHosts.contains(where: { HostPattern.normalise($0) == host }) {
                return .respond(SyntheticResponse(status: .internalServerError, body: "Bad Host"))
            }
        }
        if configuration.hasCORS, request.head.method == .OPTIONS,
           let origin = request.headerValues("origin").first, !origin.isEmpty,
           !(request.headerValues("access-control-request-method").first ?? "").isEmpty {
            return .respond(self.preflightResponse(origin: origin))
        }
        Self.apply(configuration.customRequestHeaders, to: &request.head.headers)
        for setting in configuration.customRequestHeaders where setting.value.isEmpty {
            let name = setting.name.lowercased()
            if name.hasPrefix("x-forwarded-") || name == "x-real-ip" { request.removedForwardedHeaders.insert(name) }
        }
        return .proceed
    }

    public func handleResponse(_ head: inout HTTPResponseHead, for request: ProxyRequest) {
        let configuration = self.configuration
        Self.apply(configuration.customResponseHeaders, to: &head.headers)
        self.addSecurityHeaders(to: &head.headers, isTLS: request.isTLS)
        guard configuration.hasCORS else { return }
        // The server's own Access-Control-Allow-Origin gives way to the middleware's decision.
        head.headers.remove(name: "Access-Control-Allow-Origin")
        let origin = request.headerValues("origin").first ?? ""
        if let allowed = self.allowedOrigin(origin) {
            head.headers.add(name: "Access-Control-Allow-Origin", value: allowed)
        }
        if configuration.accessControlAllowCredentials {
            head.headers.replaceOrAdd(name: "Access-Control-Allow-Credentials", value: "true")
        }
        if !configuration.accessControlExposeHeaders.isEmpty {
            head.headers.replaceOrAdd(name: "Access-Control-Expose-Headers", value: configuration.accessControlExposeHeaders.joined(separator: ","))
        }
        // The answer depends on Origin unless it is `*` for everyone; Vary names Origin once.
        if configuration.addVaryHeader && (!self.allowsAnyOrigin || configuration.accessControlAllowCredentials) {
            let vary = head.headers[canonicalForm: "vary"]
            if !vary.contains(where: { $0.trimmingSpaces().lowercased() == "origin" || $0 == "*" }) {
                head.headers.add(name: "Vary", value: "Origin")
            }
        }
    }

    /// Traefik's answer to a CORS preflight: 200 with the allowed credentials, headers, methods, origin and max age.
    private func preflightResponse(origin: String) -> SyntheticResponse {
        let configuration = self.configuration
        var headers = HTTPHeaders()
        if configuration.accessControlAllowCredentials { headers.add(name: "Access-Control-Allow-Credentials", value: "true") }
        if !configuration.accessControlAllowHeaders.isEmpty {
            headers.add(name: "Access-Control-Allow-Headers", value: configuration.accessControlAllowHeaders.joined(separator: ","))
        }
        if !configuration.accessControlAllowMethods.isEmpty {
            headers.add(name: "Access-Control-Allow-Methods", value: configuration.accessControlAllowMethods.joined(separator: ","))
        }
        if let allowed = self.allowedOrigin(origin) { headers.add(name: "Access-Control-Allow-Origin", value: allowed) }
        if configuration.accessControlMaxAge > 0 {
            headers.add(name: "Access-Control-Max-Age", value: String(configuration.accessControlMaxAge))
        }
        return SyntheticResponse(status: .ok, headers: headers, body: "")
    }

    /// `*` when any origin is allowed (the origin itself with credentials, which browsers refuse
    /// with `*`), the origin when the list or a pattern allows it, else nil.
    private func allowedOrigin(_ origin: String) -> String? {
        if self.allowsAnyOrigin {
            guard self.configuration.accessControlAllowCredentials else { return "*" }
            return origin.isEmpty ? nil : origin
        }
        guard !origin.isEmpty else { return nil }
        if self.configuration.accessControlAllowOriginList.contains(origin)
            || self.configuration.accessControlAllowOriginListRegex.contains(where: { $0.matches(origin) }) {
            return origin
        }
        return nil
    }

    private func addSecurityHeaders(to headers: inout HTTPHeaders, isTLS: Bool) {
        let configuration = self.configuration
        if configuration.stsSeconds > 0 && (isTLS || configuration.forceSTSHeader) && !configuration.isDevelopment {
            var value = "max-age=\(configuration.stsSeconds)"
            if configuration.stsIncludeSubdomains { value += "; includeSubDomains" }
            if configuration.stsPreload { value += "; preload" }
            headers.replaceOrAdd(name: "Strict-Transport-Security", value: value)
        }
        if !configuration.customFrameOptionsValue.isEmpty {
            headers.replaceOrAdd(name: "X-Frame-Options", value: configuration.customFrameOptionsValue)
        } else if configuration.frameDeny {
            headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        }
        if configuration.contentTypeNosniff { headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff") }
        if !configuration.customBrowserXSSValue.isEmpty {
            headers.replaceOrAdd(name: "X-XSS-Protection", value: configuration.customBrowserXSSValue)
        } else if configuration.browserXssFilter {
            headers.replaceOrAdd(name: "X-XSS-Protection", value: "1; mode=block")
        }
        for (name, value) in [("Content-Security-Policy", configuration.contentSecurityPolicy),
                              ("Content-Security-Policy-Report-Only", configuration.contentSecurityPolicyReportOnly),
                              ("Public-Key-Pins", configuration.publicKey),
                              ("Referrer-Policy", configuration.referrerPolicy),
                              ("Permissions-Policy", configuration.permissionsPolicy)] where !value.isEmpty {
            headers.replaceOrAdd(name: name, value: value)
        }
    }

    private static func apply(_ settings: [HeadersConfiguration.Setting], to headers: inout HTTPHeaders) {
        for setting in settings {
            if setting.value.isEmpty {
                headers.remove(name: setting.name)
            } else {
                headers.replaceOrAdd(name: setting.name, value: setting.value)
            }
        }
    }
}
