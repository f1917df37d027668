/// A certificate and its key, as PEM file paths (or inline PEM, as Traefik allows).
public struct CertificateFiles: Sendable, Equatable, Hashable, Codable {
    public var certFile: String
    public var keyFile: String

    public init(certFile: String, keyFile: String) {
        self.certFile = certFile
        self.keyFile = keyFile
    }
}
