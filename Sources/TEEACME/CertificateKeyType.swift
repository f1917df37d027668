import Crypto
import _CryptoExtras
import X509

/// `keyType`: the kind of key a certificate gets (Traefik's names).
enum CertificateKeyType {
    /// A new key of the kind named, and the signature algorithm its CSR is signed with.
    static func generate(_ name: String) throws -> (key: Certificate.PrivateKey, signature: Certificate.SignatureAlgorithm) {
        switch name {
        case "EC256": return (Certificate.PrivateKey(P256.Signing.PrivateKey()), .ecdsaWithSHA256)
        case "EC384": return (Certificate.PrivateKey(P384.Signing.PrivateKey()), .ecdsaWithSHA384)
        case "RSA2048": return (Certificate.PrivateKey(try _RSA.Signing.PrivateKey(keySize: .bits2048)), .sha256WithRSAEncryption)
        case "RSA8192":
            return (Certificate.PrivateKey(try _RSA.Signing.PrivateKey(keySize: _RSA.Signing.KeySize(bitCount: 8192))), .sha256WithRSAEncryption)
        default: return (Certificate.PrivateKey(try _RSA.Signing.PrivateKey(keySize: .bits4096)), .sha256WithRSAEncryption)
        }
    }
}
