public import Foundation
public import TEEModel

/// What one resolver keeps: its account and its certificates (one entry of Traefik's acme.json).
public struct ACMEStoredResolver: Sendable, Equatable {
    public struct Account: Sendable, Equatable {
        public var email: String
        /// The account URL (`Registration.uri`) and the account object the CA returned (`Registration.body`, JSON).
        public var registrationURL: String?
        public var registrationBody: Data?
        /// PKCS#1 DER (Traefik's accounts are RSA).
        public var privateKeyDER: Data
        /// Traefik's `KeyType` (`4096`, `P256`, …): the certificates' key type when the account was made.
        public var keyType: String

        public init(email: String, registrationURL: String?, registrationBody: Data?, privateKeyDER: Data, keyType: String) {
            self.email = email
            self.registrationURL = registrationURL
            self.registrationBody = registrationBody
            self.privateKeyDER = privateKeyDER
            self.keyType = keyType
        }
    }

    public var account: Account?
    public var certificates: [IssuedCertificate]

    public init(account: Account? = nil, certificates: [IssuedCertificate] = []) {
        self.account = account
        self.certificates = certificates
    }

    /// Replaces the certificate for the same names, or adds it.
    public mutating func store(_ certificate: IssuedCertificate) {
        if let index = self.certificates.firstIndex(where: { Set($0.domain.names) == Set(certificate.domain.names) }) {
            self.certificates[index] = certificate
        } else {
            self.certificates.append(certificate)
        }
    }

    /// The certificate covering exactly these names, if any.
    public func certificate(for domain: CertificateDomain) -> IssuedCertificate? {
        self.certificates.first { Set($0.domain.names) == Set(domain.names) }
    }

    /// Traefik's `KeyType` value for a `keyType` setting (lego's certcrypto names).
    public static func legoKeyType(_ keyType: String) -> String {
        switch keyType {
        case "EC256": "P256"
        case "EC384": "P384"
        case "RSA2048": "2048"
        case "RSA8192": "8192"
        default: "4096"
        }
    }
}
