/// The `tls` section of the dynamic configuration.
public struct TLSConfiguration: Sendable, Equatable {
    /// `tls.certificates`: chosen by SNI.
    public var certificates: [CertificateFiles]
    /// `tls.options`, by name; `default` applies to routers that name none.
    public var options: [String: TLSOptionsConfiguration]
    /// `tls.stores.default.defaultCertificate`: served when no certificate matches the SNI.
    public var defaultCertificate: CertificateFiles?

    public init(certificates: [CertificateFiles] = [], options: [String: TLSOptionsConfiguration] = [:],
                defaultCertificate: CertificateFiles? = nil) {
        self.certificates = certificates
        self.options = options
        self.defaultCertificate = defaultCertificate
    }
}
