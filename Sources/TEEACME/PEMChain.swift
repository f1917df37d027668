import SwiftASN1
import X509

/// A PEM bundle split into its certificates.
enum PEMChain {
    static func certificates(_ pem: String) throws -> [Certificate] {
        try PEMDocument.parseMultiple(pemString: pem).filter { $0.discriminator == "CERTIFICATE" }.map { try Certificate(derEncoded: $0.derBytes) }
    }
}
