/// `http.routers.<name>.tls`.
public struct RouterTLSConfiguration: Sendable, Equatable {
    /// `options`: the name of a `tls.options` entry; nil means `default`.
    public var options: String?
    /// `certResolver`: the `certificatesResolvers` entry that obtains this router's certificate.
    public var certResolver: String?
    /// `domains[]`: the certificates this router should have, each `main` and its `sans`.
    public var certificateDomains: [CertificateDomain]

    /// Every name of `domains[]`, main and sans.
    public var domains: [String] { self.certificateDomains.flatMap { [$0.main] + $0.sans } }

    /// The `tls.options` entry this router uses: `options` without a `@file` suffix, or `default`.
    public var optionsName: String {
        guard let options, !options.isEmpty else { return "default" }
        return options.hasSuffix("@file") ? String(options.dropLast("@file".count)) : options
    }

    public init(options: String? = nil, certResolver: String? = nil, certificateDomains: [CertificateDomain] = []) {
        self.options = options
        self.certResolver = certResolver
        self.certificateDomains = certificateDomains
    }
}
