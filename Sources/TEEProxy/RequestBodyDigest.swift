import Crypto
import Foundation
public import NIOCore

/// A request body's expected digest (hmac's `validateDigest`: the signed `Digest` header,
/// `SHA-256=` or `SHA-512=` and base64). The proxy holds the body and checks it before anything
/// goes to the server.
public struct RequestBodyDigest: Sendable {
    /// The most a checked body may hold; a bigger one gets 413.
    public static let maximumBytes = 10 << 20

    let algorithm: String
    let expected: Data

    /// The first SHA-256 or SHA-512 digest of a `Digest` header, nil when it has neither.
    init?(header: String) {
        for item in header.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let algorithm = parts[0].trimmingCharacters(in: .whitespaces).uppercased()
            guard algorithm == "SHA-256" || algorithm == "SHA-512",
                  let expected = Data(base64Encoded: parts[1].trimmingCharacters(in: .whitespaces)) else { continue }
            self.algorithm = algorithm
            self.expected = expected
            return
        }
        return nil
    }

    /// Whether `parts`, in order, are the body the digest describes.
    public func matches(_ parts: [ByteBuffer]) -> Bool {
        let computed: Data
        if self.algorithm == "SHA-512" {
            var hash = SHA512()
            for part in parts { part.withUnsafeReadableBytes { hash.update(bufferPointer: $0) } }
            computed = Data(hash.finalize())
        } else {
            var hash = SHA256()
            for part in parts { part.withUnsafeReadableBytes { hash.update(bufferPointer: $0) } }
            computed = Data(hash.finalize())
        }
        return computed.constantTimeEquals(self.expected)
    }
}
