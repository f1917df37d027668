import X509

/// Names read off a PEM chain.
enum CertificateChainNames {
    /// The issuer of the chain's last certificate, as its distinguished name's text (which carries its CN).
    static func topIssuer(_ pem: String) -> String {
        guard let last = (try? PEMChain.certificates(pem))?.last else { return "" }
        return String(describing: last.issuer)
    }
}
